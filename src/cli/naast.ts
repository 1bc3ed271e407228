// `npm run naast -- <command>`: operations on the server's database (see `--help`).
import { runCli } from './commands.js';

process.exitCode = await runCli(process.argv.slice(2));
