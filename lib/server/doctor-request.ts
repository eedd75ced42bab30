import "server-only";
import { z } from "zod";
import { AppError } from "../errors";

/**
 * The body of POST /api/doctor: which model to test and whether to ask the identity questions.
 * Strict: the doctor only ever probes the configured BASE_URL, so a body naming a URL or host (or
 * anything else) is refused rather than ignored.
 */
export const doctorRequestSchema = z.strictObject({
  model: z.string().trim().min(1).max(200),
  identity: z.boolean().optional(),
});

export interface DoctorRequest {
  model: string;
  identity: boolean;
}

export const MAX_DOCTOR_BODY_BYTES = 4096;

export function parseDoctorRequest(bytes: Uint8Array): DoctorRequest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError({ code: "bad_request", status: 400, message: "The request body is not valid JSON" });
  }
  const parsed = doctorRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "body";
    throw new AppError({ code: "bad_request", status: 400, message: `Invalid doctor request: ${where}: ${issue.message} (send {"model": "<name>", "identity": true|false})` });
  }
  return { model: parsed.data.model, identity: parsed.data.identity === true };
}
