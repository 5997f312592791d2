// npm start / npm stop: sideload the add-in into desktop Excel with office-addin-debugging (Windows and Mac).
// On Linux there is no desktop Excel to sideload into: say so, and point to the preview.
import { spawnSync } from 'node:child_process';
import { platform } from 'node:process';

const command = process.argv[2] === 'stop' ? 'stop' : 'start';

if (platform !== 'win32' && platform !== 'darwin') {
  console.log(
    [
      `npm ${command}: sideloading into Excel needs Excel for Windows or Mac; this is ${platform}.`,
      'Try the pane without Excel in the preview (a sample workbook on a fake Excel):',
      '    npm run preview        → http://127.0.0.1:3001/preview.html',
      'Or run the dev server (https://localhost:3000) and sideload manifest.xml into Excel on the web:',
      '    npm run dev-server',
    ].join('\n'),
  );
  process.exit(0);
}

const args =
  command === 'start'
    ? [
        'office-addin-debugging',
        'start',
        'manifest.xml',
        'desktop',
        '--app',
        'excel',
        '--dev-server',
        'npm run dev-server',
        '--dev-server-port',
        '3000',
      ]
    : ['office-addin-debugging', 'stop', 'manifest.xml'];
const r = spawnSync('npx', args, { stdio: 'inherit', shell: platform === 'win32' });
process.exit(r.status ?? 1);
