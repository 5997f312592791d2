// Builds the task pane (addin/taskpane) and the preview page (addin/preview) into dist/addin/.
//   npx webpack --mode production       production build (office.js from Microsoft's CDN, only in taskpane.html)
//   npx webpack serve --mode development dev server on https://localhost:3000 (office-addin-dev-certs), falling back
//                                        to http with a message where certificates cannot be made or installed
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';

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
 * the sample workbooks (dist/addin/samples/, for the preview) with the CLI, each folder with an index.json.
 * Skipped, with a note, when the CLI is not built.
 */
class WorkbookFilesPlugin {
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
      for (const [dir, args] of [
        ['templates', ['template', 'all']],
        ['samples', ['samples']],
      ]) {
        const target = join(out, dir);
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

const COPY = [
  { from: 'assets/*.png', to: 'assets/[name][ext]' },
  { from: 'addin/taskpane/help.html', to: 'help.html' },
  { from: 'manifest.xml', to: 'manifest.xml' },
];

export default async (env, argv) => {
  const production = argv.mode !== 'development';
  const serving = Boolean(env?.WEBPACK_SERVE);
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    context: root,
    entry: {
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
        templateParameters: { officeJs: OFFICE_JS_CDN },
      }),
      new HtmlWebpackPlugin({
        filename: 'preview.html',
        template: './addin/preview/preview.html',
        chunks: ['preview'],
      }),
      new CopyWebpackPlugin({ patterns: COPY }),
      new WorkbookFilesPlugin(),
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
