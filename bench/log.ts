/** Progress goes to stderr, so stdout holds the report alone. */
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
