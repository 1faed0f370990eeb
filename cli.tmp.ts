import { main } from './src/cli/main';
main(process.argv.slice(2), { cwd: process.cwd(), stdout: s => process.stdout.write(s), stderr: s => process.stderr.write(s), color: false }).then(c => { process.exitCode = c; });
