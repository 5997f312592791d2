// Builds the task pane (addin/taskpane) and the preview page (addin/preview) into dist/addin/.
//   npx webpack --mode production       production build (office.js from Microsoft's CDN, only in taskpane.html),
//                                        with the preview page and the fake Excel for npm run preview and the tests
//   DAICHO_ADDIN_URL=https://host/path/ npx webpack --mode production
//                                        a build to deploy (docs/deploy.md): only the pane, its help and privacy
//                                        pages, icons and templates; manifest.xml pointing at that URL
//                                        (DAICHO_SUPPORT_URL, DAICHO_PRIVACY_URL optional)
//   npx webpack serve --mode development dev server on https://localhost:3000 (office-addin-dev-certs), falling back
//                                        to http with a message where certificates cannot be made or installed
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { DEV_BASE, DeployError, helpFor, hostedBase, manifestFor, requiredExcelApi } from './addin/tools/deploy.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const out = resolve(root, 'dist', 'addin');
const PORT = Number(process.env.DAICHO_PORT ?? 3000);
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * HTTPS options for the dev server. office-addin-dev-certs makes a CA and a localhost certificate and installs the
 * CA (which needs sudo on Linux/Mac). If installing fails but the files exist we still serve https (the browser
 * will not trust it); if there are no files, we serve plain http and say how to fix it.
 */
async function devServerTransport() {
  try {
    const devCerts = await import('office-addin-dev-certs');
    const options = await devCerts.default.getHttpsServerOptions();
    return { type: 'https', options };
  } catch (err) {
    const dir = join(process.env.HOME ?? '', '.office-addin-dev-certs');
    const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
    if (Object.values(files).every((f) => existsSync(join(dir, f)))) {
      console.warn(
        `[daicho] could not install the development CA (${firstLine(err)}); serving https with an untrusted ` +
          `certificate from ${dir}. Run "npx office-addin-dev-certs install" to trust it.`,
      );
      const options = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(join(dir, f))]));
      return { type: 'https', options };
    }
    console.warn(
      `[daicho] no development certificate (${firstLine(err)}).\n` +
        `[daicho] serving plain http on http://localhost:${PORT}/ — Excel needs https: run ` +
        `"npx office-addin-dev-certs install" and restart. Without Excel, open http://localhost:${PORT}/preview.html`,
    );
    return { type: 'http' };
  }
}

function firstLine(err) {
  return String(err instanceof Error ? err.message : err).split('\n')[0];
}

/**
 * After a build, writes the four blank templates (dist/addin/templates/<id>.xlsx, fetched by "insert a template") and
 * the sample workbooks (dist/addin/samples/, for the preview; not in a deployment build) with the CLI, each folder
 * with an index.json. Skipped, with a note, when the CLI is not built.
 */
class WorkbookFilesPlugin {
  constructor({ samples }) {
    this.samples = samples;
  }

  apply(compiler) {
    let written = false;
    compiler.hooks.afterEmit.tap('WorkbookFilesPlugin', () => {
      // Once per watch session: the files depend on the templates, not on the pane's code.
      if (written && compiler.watchMode) return;
      written = true;
      if (!existsSync(join(root, 'dist', 'scripts', 'cli.js'))) {
        console.warn('[daicho] CLI not built (npm run build:cli): no template or sample files in dist/addin');
        return;
      }
      const folders = [['templates', ['template', 'all']]];
      if (this.samples) folders.push(['samples', ['samples']]);
      for (const [dir, args] of folders) {
        const target = join(compiler.outputPath, dir);
        const r = spawnSync(process.execPath, [join(root, 'bin', 'daicho.js'), ...args, '-o', target, '--force'], {
          encoding: 'utf8',
        });
        if (r.status !== 0) {
          console.warn(`[daicho] writing ${dir} failed: ${r.stderr || r.stdout}`);
          continue;
        }
        const files = readdirSync(target, { recursive: true })
          .map((f) => String(f).split(sep).join('/'))
          .filter((f) => f.endsWith('.xlsx'))
          .sort();
        writeFileSync(join(target, 'index.json'), JSON.stringify(files, null, 1) + '\n');
      }
    });
  }
}

/** The host the build is for: DAICHO_ADDIN_URL (a deployment), else the dev server. */
function target() {
  const raw = process.env.DAICHO_ADDIN_URL;
  if (!raw) return { deploy: false, base: DEV_BASE };
  try {
    return { deploy: true, base: hostedBase(raw) };
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    console.error(`[daicho] ${err.message.replace(/\n/g, '\n[daicho] ')}`);
    process.exit(2);
  }
}

export default async (env, argv) => {
  const production = argv.mode !== 'development';
  const serving = Boolean(env?.WEBPACK_SERVE);
  const { deploy, base } = target();
  const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const text = (transform) => (content) => transform(content.toString('utf8'));
  const copy = [
    { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
    { from: 'addin/taskpane/privacy.html', to: 'privacy.html' },
    {
      from: 'addin/taskpane/help.html',
      to: 'help.html',
      ...(deploy ? { transform: text((html) => helpFor(html, { privacyUrl: process.env.DAICHO_PRIVACY_URL })) } : {}),
    },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: text((xml) => manifestFor(xml, { base, supportUrl: process.env.DAICHO_SUPPORT_URL, version })),
    },
  ];
  if (deploy)
    console.log(`[daicho] building the add-in for ${base}: host the output folder there; manifest.xml is in it`);
  return {
    mode: production ? 'production' : 'development',
    // A deployment ships no source maps (4 MB of them); the other builds keep them for debugging.
    devtool: deploy ? false : production ? 'source-map' : 'eval-cheap-module-source-map',
    context: root,
    entry: deploy
      ? { taskpane: './addin/taskpane/index.tsx' }
      : {
          taskpane: './addin/taskpane/index.tsx',
          preview: './addin/preview/index.tsx',
          // The fake Excel as a standalone script, for end-to-end tests (page.addInitScript).
          'fake-excel': './addin/fake/global.ts',
        },
    output: {
      path: out,
      filename: (chunk) =>
        chunk.chunk.name === 'fake-excel' || !production ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // NodeNext-style imports: './x.js' means './x.ts' or './x.tsx' in the source.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    performance: { hints: production ? 'warning' : false, maxEntrypointSize: 1_200_000, maxAssetSize: 1_200_000 },
    optimization: { splitChunks: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: {
          officeJs: OFFICE_JS_CDN,
          // Runs before office.js and the bundle: a message instead of a blank pane on an old web view or host.
          compatJs: readFileSync(join(root, 'addin', 'taskpane', 'compat.js'), 'utf8').replaceAll(
            '__EXCEL_API__',
            requiredExcelApi(manifest),
          ),
          excelApi: requiredExcelApi(manifest),
        },
      }),
      ...(deploy
        ? []
        : [
            new HtmlWebpackPlugin({
              filename: 'preview.html',
              template: './addin/preview/preview.html',
              chunks: ['preview'],
            }),
          ]),
      new CopyWebpackPlugin({ patterns: copy }),
      new WorkbookFilesPlugin({ samples: !deploy }),
    ],
    devServer: serving
      ? {
          port: PORT,
          host: 'localhost',
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: await devServerTransport(),
          // The dev server keeps the bundle in memory; the template and sample files are on disk (see above).
          static: ['templates', 'samples'].map((d) => ({ directory: join(out, d), publicPath: `/${d}`, watch: false })),
          hot: false,
          client: { overlay: { warnings: false, errors: true } },
          historyApiFallback: false,
        }
      : undefined,
  };
};
