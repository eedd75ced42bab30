export default function Home() {
  return (
    <main className="p-6">
      <textarea data-testid="composer-input" className="w-full rounded border p-2" placeholder="Message" />
    </main>
  );
}
