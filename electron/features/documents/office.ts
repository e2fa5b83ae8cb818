import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * LibreOffice, when it is installed, finishes a generated .docx the way Word would on opening it:
 * it lays the pages out, fills the table of contents with page numbers, and can save the result as
 * PDF/A-2b for filing. It runs headless, in its own throw-away profile, driven over a UNO pipe by a
 * short Python script (LibreOffice's own Python, or the system's with python3-uno). Without it, the
 * .docx keeps Word's « update fields on open » flag and a PDF cannot be made here.
 */

export interface Office {
  soffice: string;
  python: string;
}

const SCRIPT = String.raw`
import sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

pipe, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
ctx = None
for _ in range(300):
    try:
        ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
        break
    except Exception:
        time.sleep(0.1)
if ctx is None:
    sys.exit('LibreOffice did not answer')
desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), '_blank', 0, (prop('Hidden', True),))
indexes = doc.getDocumentIndexes()
for i in range(indexes.getCount()):
    indexes.getByIndex(i).update()
doc.getTextFields().refresh()
if dst.endswith('.pdf'):
    data = uno.Any('[]com.sun.star.beans.PropertyValue', (prop('SelectPdfVersion', 2),))
    uno.invoke(doc, 'storeToURL', (uno.systemPathToFileUrl(dst), (prop('FilterName', 'writer_pdf_Export'), PropertyValue('FilterData', 0, data, 0))))
else:
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop('FilterName', 'MS Word 2007 XML'), prop('Overwrite', True)))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
`;

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function pythonWithUno(candidate: string): boolean {
  return spawnSync(candidate, ['-c', 'import uno'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** LibreOffice and a Python that speaks UNO, or null. `MAILLAGE_SOFFICE` names soffice explicitly. */
export function findOffice(): Office | null {
  const soffice = process.env.MAILLAGE_SOFFICE || onPath(process.platform === 'win32' ? 'soffice.exe' : 'soffice');
  if (!soffice || !fs.existsSync(soffice)) return null;
  const program = path.dirname(fs.realpathSync(soffice));
  const candidates = [path.join(program, process.platform === 'win32' ? 'python.exe' : 'python'), '/usr/bin/python3', onPath('python3')].filter((p): p is string => !!p && fs.existsSync(p));
  const python = candidates.find(pythonWithUno);
  return python ? { soffice, python } : null;
}

function run(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('LibreOffice timed out'));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/**
 * Opens `docx` in LibreOffice, updates its table of contents and fields, and returns the document
 * saved as `format`: a .docx whose table of contents has its page numbers, or a PDF/A-2b.
 */
export async function finishWithOffice(office: Office, docx: Uint8Array, format: 'docx' | 'pdf', timeoutMs = 120_000): Promise<Uint8Array> {
  // A LibreOffice starting on a new profile now and then answers and then writes nothing (seen
  // when two conversions start together): a second try, on a fresh profile, goes through.
  for (let attempt = 1; ; attempt++) {
    try {
      return await convertOnce(office, docx, format, timeoutMs);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function convertOnce(office: Office, docx: Uint8Array, format: 'docx' | 'pdf', timeoutMs: number): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-office-'));
  const pipe = `maillage-${randomBytes(6).toString('hex')}`;
  const src = path.join(dir, 'document.docx');
  const dst = path.join(dir, `out.${format}`);
  const script = path.join(dir, 'finish.py');
  fs.writeFileSync(src, docx);
  fs.writeFileSync(script, SCRIPT);
  const profile = `file://${process.platform === 'win32' ? '/' : ''}${path.join(dir, 'profile').replace(/\\/g, '/')}`;
  const server = spawn(office.soffice, ['--headless', '--invisible', '--norestore', '--nologo', `-env:UserInstallation=${profile}`, `--accept=pipe,name=${pipe};urp;`], { stdio: 'ignore' });
  try {
    const client = spawn(office.python, [script, pipe, src, dst], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    client.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await run(client, timeoutMs);
    if (code !== 0 || !fs.existsSync(dst)) throw new Error(`LibreOffice could not convert the document (exit ${code}): ${stderr.trim().split('\n').pop() || 'no output file'}`);
    return new Uint8Array(fs.readFileSync(dst));
  } finally {
    // The server we started, by its own process: it normally quits on terminate().
    if (server.exitCode === null) {
      await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
      if (server.exitCode === null) server.kill();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
