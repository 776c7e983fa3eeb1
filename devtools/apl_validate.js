#!/usr/bin/env node
/*
 * Validate APL RenderDocument directives offline with Amazon's apl-suggester, all in ONE process
 * (its schemas take ~0.5 s to compile; every later document costs milliseconds).
 *
 *   node devtools/apl_validate.js [--suggester DIR] BATCH.json
 *
 * BATCH.json is a JSON array of {"name": "...", "directive": {RenderDocument directive}}.
 * DIR is where `npm install apl-suggester` ran (default: .cache/apl-suggester, as scripts/bootstrap.sh
 * installs it).
 *
 * Every check the package offers for a whole document runs:
 *   StaticAplTemplateValidator.validate(document)       schema and structure rules (it reports them all
 *                                                        as WARNING: every one is a finding here)
 *   StaticAplTemplateValidator.validateDataSources(ds)  "X in DataSources should be an object"
 *   ErrorController notifications, which validate() does not return: -1051 item and items together,
 *     -1052 a component without type, -1150 an unknown component type or layout, -1200 an import
 *     that could not be loaded
 * The package fetches `import`ed packages with axios; here every fetch is refused (the documents must
 * be self-contained), so an import becomes finding -1200 instead of a silent network call.
 *
 * Output (stdout): {"suggesterVersion", "results": [{"name", "findings": [{check, level, path, message,
 * code?}]}], "findingCount"}. Exit 0: no findings at all; 1: at least one; 2: usage or I/O error.
 * Adapted from the team's groundwork (apl-explore/suggester/validate-apl.js).
 */
'use strict';
const fs = require('fs');
const path = require('path');

function usage(msg) {
    if (msg) console.error(msg);
    console.error('usage: node devtools/apl_validate.js [--suggester DIR] BATCH.json');
    process.exit(2);
}

const args = process.argv.slice(2);
let suggesterDir = path.join(__dirname, '..', '.cache', 'apl-suggester');
let batchFile = null;
for (let i = 0; i < args.length; i++) {
    if (args[i] === '--suggester') suggesterDir = args[++i];
    else if (args[i].startsWith('--')) usage('unknown option ' + args[i]);
    else if (batchFile === null) batchFile = args[i];
    else usage('one BATCH.json only');
}
if (!batchFile) usage('no BATCH.json given');

let packageDir;
try {
    packageDir = path.dirname(require.resolve('apl-suggester/package.json', { paths: [suggesterDir] }));
} catch (e) {
    console.error('apl-suggester is not installed under ' + suggesterDir + ' (run scripts/bootstrap.sh)');
    process.exit(2);
}
// The same axios instance apl-suggester's PackageLoader uses: no request ever leaves the machine.
const axios = require(require.resolve('axios', { paths: [packageDir] }));
const refuse = async (url) => { throw new Error('offline: refused to fetch ' + url); };
axios.get = refuse;
if (axios.default) axios.default.get = refuse;
// "No mixin for component : X" is console noise for components without a child mixin, not a finding.
const warn = console.warn;
console.warn = (...a) => {
    if (!(typeof a[0] === 'string' && a[0].startsWith('No mixin for component'))) warn(...a);
};
const suggester = require(packageDir);
const suggesterVersion = require(path.join(packageDir, 'package.json')).version;

let notified = [];
const errors = suggester.ErrorController.getInstance();
errors.registerErrors(); // the error map stays empty until this is called
errors.setErrorInterface({
    sendError(err) {
        // the same error object is reused for every notification: copy what it says now
        const ph = err.placeholders || {};
        const message = {
            '-1051': 'component has both item and items',
            '-1052': 'component has no type',
            '-1150': 'unknown component type or layout: ' + ph.name,
            '-1151': 'invalid layout name',
            '-1200': 'import could not be loaded: ' + ph.url,
        }[err.code] || 'error ' + err.code;
        notified.push({ check: 'errorController', level: err.level, code: err.code, path: ph.path || '/', message });
    },
});
const validator = new suggester.StaticAplTemplateValidator();

let batch;
try {
    batch = JSON.parse(fs.readFileSync(batchFile, 'utf8'));
} catch (e) {
    usage(batchFile + ': ' + e.message);
}
if (!Array.isArray(batch)) usage(batchFile + ': not a JSON array');

const finding = (check) => (w) => ({ check, level: w.level || 'WARNING', path: w.path, message: w.errorMessage });

(async () => {
    const results = [];
    let total = 0;
    for (const item of batch) {
        const directive = item.directive || {};
        const findings = [];
        if (directive.type !== 'Alexa.Presentation.APL.RenderDocument') {
            findings.push({ check: 'directive', level: 'ERROR', path: '/type', message: 'not a RenderDocument: ' + directive.type });
        }
        notified = [];
        errors.clearExistingWarn();
        // validate() mutates its argument: give it a copy
        const document = JSON.parse(JSON.stringify(directive.document || {}));
        (await validator.validate(document)).forEach((w) => findings.push(finding('document')(w)));
        findings.push(...notified);
        if (directive.datasources !== undefined) {
            (await validator.validateDataSources(directive.datasources)).forEach((w) => findings.push(finding('datasources')(w)));
        }
        total += findings.length;
        results.push({ name: item.name, findings });
    }
    process.stdout.write(JSON.stringify({ suggesterVersion, results, findingCount: total }) + '\n');
    process.exitCode = total > 0 ? 1 : 0;
})().catch((e) => {
    console.error((e && e.stack) || e);
    process.exit(2);
});
