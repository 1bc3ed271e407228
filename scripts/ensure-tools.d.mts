export function ensureTools(): { pdftotext: string; pandoc: string };
