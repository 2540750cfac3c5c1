import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetDir, bundleExternals, bundlePackages, importTime } from '../../cdk/bundle-report.js';
import { ESM_REQUIRE_BANNER, type FunctionName } from '../../cdk/house-function.js';
import { synthesize } from './synthesize.js';

// The one synth of the suite that bundles, as `npm run synth` does.
const { assembly } = synthesize({ bundle: true });
const dir = (name: FunctionName) => assetDir(assembly.directory, name);
const bundle = (name: FunctionName) => readFileSync(join(dir(name), 'index.mjs'), 'utf8');
const packages = (name: FunctionName) => bundlePackages(assembly.directory, name).map(([pkg]) => pkg);

describe.each(['api', 'tagger', 'report', 'mailer'] as const)('the %s bundle', (name) => {
  it('is one minified ESM file with the require banner and a source map without sources', () => {
    const code = bundle(name);
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    // Minified: lines thousands of characters long, where readable code averages under a hundred.
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000);
    const map = JSON.parse(readFileSync(join(dir(name), 'index.mjs.map'), 'utf8'));
    expect(map.sources.length).toBeGreaterThan(0);
    expect(map.sourcesContent).toBeUndefined();
    expect(existsSync(join(dir(name), 'index.meta.json'))).toBe(false);
  });

  it('loads nothing at run time but Node built-ins (and pdfkit beside the report)', () => {
    const outside = bundleExternals(assembly.directory, name).filter((specifier) => !isBuiltin(specifier));
    expect(outside).toEqual(name === 'report' ? ['pdfkit'] : []);
  });

  it('imports in a fresh Node.js process with the environment Lambda gives it', () => {
    expect(importTime(join(dir(name), 'index.mjs')).wallMs).toBeGreaterThan(0);
  });
});

describe('what the bundles contain', () => {
  it('bundles the AWS SDK clients the functions use instead of the runtime’s copy', () => {
    expect(packages('api')).toEqual(
      expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3']),
    );
    expect(packages('tagger')).toEqual(
      expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3']),
    );
  });

  it('gives the mailer the SES client and no SMTP library', () => {
    expect(packages('mailer')).toContain('@aws-sdk/client-sesv2');
    expect(packages('mailer')).not.toContain('nodemailer');
    expect(packages('api')).not.toContain('@aws-sdk/client-sesv2');
  });

  it("gives the tagger natural's classifiers without its database back-ends", () => {
    expect(packages('tagger')).toContain('natural');
    expect(packages('tagger').filter((pkg) => /^(pg|pg-.*|mongoose|mongodb|redis|memjs)$/.test(pkg))).toEqual(
      [],
    );
  });

  it('ships pdfkit and its dependencies as node modules beside the report, without the lock file', () => {
    expect(packages('report')).not.toContain('pdfkit');
    const modules = readdirSync(join(dir('report'), 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['pdfkit', 'fontkit']));
    expect(existsSync(join(dir('report'), 'node_modules/pdfkit/js/data/Helvetica.afm'))).toBe(true);
    expect(existsSync(join(dir('report'), 'package-lock.json'))).toBe(false);
  });
});
