// Decisions that read the customer's history (best channel, usual hour) log why in both UI
// languages, "… — <Vietnamese> · <English>)", beside the language-neutral counts: the trace
// shows the half in the UI language.
import i18next from 'i18next';

const WHY = / — (.+?) · (.+)\)$/;

export function decisionWhy(reason: string): string | null {
  const m = WHY.exec(reason);
  if (!m) return null;
  return (i18next.language ?? 'vi').startsWith('en') ? (m[2] ?? null) : (m[1] ?? null);
}
