/**
 * A send asked for before the page's scripts have run. The chat shell can be on screen as HTML
 * first (app/start/[lang]/page.tsx): an Enter in the composer, or a tap on Send (enabled by the
 * script once there is text), is then held as EARLY_SEND_ATTR on the composer, which sends once
 * it runs (components/chat/composer.tsx). The script goes inline into the page's head
 * (app/layout.tsx); once React has taken the page over (data-hydrated on <html>), its listeners
 * leave everything alone. It also puts a kept draft (lib/client/kept-draft.ts) into the empty
 * composer as soon as the composer is there (it is focused as the page shows, or the document is
 * parsed), so text typed before the scripts run adds to it instead of replacing it.
 */
import { KEPT_DRAFT_KEY } from "./kept-draft";

export const EARLY_SEND_ATTR = "data-send-pending";

export const EARLY_SEND_SCRIPT = `(function(){var d=document,h=d.documentElement,q='textarea[data-testid="composer-input"]',sb='[data-testid="send-button"]';function on(e,s){return!h.hasAttribute("data-hydrated")&&e.target&&e.target.closest&&e.target.closest(s)}function hold(e){e.preventDefault();var t=d.querySelector(q);if(t&&t.value.trim()!=="")t.setAttribute("${EARLY_SEND_ATTR}","")}function sendable(v){var b=d.querySelector(sb);if(b)b.disabled=v.trim()===""}d.addEventListener("keydown",function(e){if(e.key==="Enter"&&!e.shiftKey&&!e.isComposing&&e.keyCode!==229&&on(e,q))hold(e)});d.addEventListener("click",function(e){if(on(e,sb))hold(e)});d.addEventListener("input",function(e){if(on(e,q))sendable(e.target.value)});var kept=0;function fill(){var t=d.querySelector(q);if(kept||!t||h.hasAttribute("data-hydrated"))return;kept=1;try{var v=localStorage.getItem("${KEPT_DRAFT_KEY}");if(v&&t.value===""){t.value=v;sendable(v)}}catch(e){}}d.addEventListener("focusin",function(e){if(on(e,q))fill()},true);d.addEventListener("DOMContentLoaded",fill)})()`;
