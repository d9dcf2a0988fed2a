// A cooperation project's milestones and linked documents: the milestones written with the
// project and replaced as a whole after (the replacement writing nothing else of the project),
// checked (titles, dates, none done later than today) and audited; the documents PDFs judged by
// their content (415 otherwise, 413 over 10 MB), listed and downloaded byte for byte; and who
// may do what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, addDays, as, expectError, expectStatus, findDetail, listAll, rawRequest, tag, tinyPdf, todayInChina } from './lib/client.mjs';
import { newCity } from './lib/network.mjs';

const anonymous = new Client();
const officer = await as('officer');
const approver = await as('approver');
const auditor = await as('auditor');
const citizen = await as('citizen');

const today = todayInChina();

async function aProject(extra = {}) {
  const t = tag();
  const city = await newCity(officer);
  const r = await officer.post('/api/v1/network/projects', {
    city_id: city.id, field: 'science', direction: 'joint', title_zh: `联合实验室${t}`, title_en: `Joint laboratory ${t}`,
    status: 'ongoing', started: '2024-03-01', ...extra,
  });
  expectStatus(r, 201, 'the officer adds a project');
  return r.body;
}

const milestone = (extra = {}) => ({ title_zh: '签署合作协议', title_en: 'Agreement signed', due_on: '2024-03-01', ...extra });
const putMilestones = (client, id, milestones) => client.put(`/api/v1/network/projects/${id}/milestones`, { milestones });

// ------------------------------------------------------------------ milestones

test("the demo's projects carry their milestones: the university's done, the auto-parts plant's second phase open", async () => {
  const all = await listAll(auditor, '/api/v1/network/projects');
  const unnc = all.find((p) => p.title_en === 'University of Nottingham Ningbo China');
  assert.deepEqual(unnc.milestones.map((m) => [m.due_on, m.done_on]),
    [['2004-03-31', '2004-03-23'], ['2004-09-30', '2004-09-13'], ['2006-03-31', '2006-02-23']]);
  const plant = all.find((p) => p.title_en === 'A Ningbo auto-parts plant in Nelson Mandela Bay');
  const open = plant.milestones.filter((m) => m.done_on === null);
  assert.equal(open.length, 1);
  assert.ok(open[0].due_on > today, 'the open one is due later');
  assert.ok(all.every((p) => Array.isArray(p.milestones)), 'every project lists its milestones, none or some');
});

test('milestones come with the project, are replaced as a whole in their order, and the replacement writes nothing else', async () => {
  const first = [milestone({ done_on: '2024-03-01', note: '在法兰克福签署' }), milestone({ title_zh: '实验室揭牌', title_en: 'Laboratory opened', due_on: addDays(today, 90) })];
  const p = await aProject({ milestones: first });
  assert.deepEqual(p.milestones, [
    { ...first[0] },
    { ...first[1], done_on: null, note: '' },
  ], 'written with the project, none done is null, no note is empty');
  const read = await auditor.get(`/api/v1/network/projects/${p.id}`);
  expectStatus(read, 200);
  assert.deepEqual(read.body, p, 'read back as answered');

  const next = [
    milestone({ title_zh: '实验室揭牌', title_en: 'Laboratory opened', due_on: addDays(today, 90), done_on: today }),
    milestone({ title_zh: '首批成果发布', title_en: 'First results published', due_on: addDays(today, 400), note: 'open' }),
    milestone({ done_on: '2024-03-01' }),
  ];
  const r = await putMilestones(approver, p.id, next);
  expectStatus(r, 200, 'the approver replaces the milestones');
  assert.deepEqual(r.body.milestones.map((m) => [m.title_en, m.done_on]),
    [['Laboratory opened', today], ['First results published', null], ['Agreement signed', '2024-03-01']], 'in the order given');
  const { milestones: _a, ...rest } = r.body;
  const { milestones: _b, ...was } = p;
  assert.deepEqual(rest, was, 'nothing else of the project written, its updated_at neither');

  const emptied = await putMilestones(officer, p.id, []);
  expectStatus(emptied, 200);
  assert.deepEqual(emptied.body.milestones, [], 'an empty list leaves none');

  const audit = await listAll(auditor, `/api/v1/audit?action=network.project.milestones&object_type=network_project&object_id=${p.id}`);
  const ours = audit.filter((e) => e.object_id === String(p.id));
  assert.equal(ours.length, 2, 'each replacement audited');
  assert.ok(ours.some((e) => e.detail.milestones === 3 && e.detail.done === 2), JSON.stringify(ours.map((e) => e.detail)));
});

test('bad milestones are refused naming the field, and nothing is written', async () => {
  const p = await aProject({ milestones: [milestone()] });
  const refused = async (milestones, rule, field) => {
    const r = await putMilestones(officer, p.id, milestones);
    expectError(r, 422, 'validation_failed');
    findDetail(r, rule, field);
  };
  await refused([milestone({ title_en: '  ' })], 'required', 'milestones[0].title_en');
  await refused([milestone(), { title_en: 'No Chinese title', due_on: '2025-01-01' }], 'required', 'milestones[1].title_zh');
  await refused([milestone({ due_on: '2025-02-30' })], 'type', 'milestones[0].due_on');
  await refused([milestone({ done_on: '1 March 2024' })], 'type', 'milestones[0].done_on');
  await refused([milestone({ done_on: addDays(today, 1) })], 'network.milestone.done_future', 'milestones[0].done_on');
  await refused([milestone({ status: 'done' })], 'unknown_field', 'milestones[0].status');
  const none = await officer.put(`/api/v1/network/projects/${p.id}/milestones`, {});
  expectError(none, 422, 'validation_failed');
  findDetail(none, 'required', 'milestones');
  // a project added with a bad milestone is not added
  const before = (await listAll(officer, `/api/v1/network/projects?city_id=${p.city.id}`)).length;
  const bad = await officer.post('/api/v1/network/projects', {
    city_id: p.city.id, field: 'science', direction: 'joint', title_zh: '坏项目', title_en: 'Bad project', status: 'planned',
    milestones: [milestone({ done_on: addDays(today, 2) })],
  });
  expectError(bad, 422, 'validation_failed');
  findDetail(bad, 'network.milestone.done_future', 'milestones[0].done_on');
  assert.equal((await listAll(officer, `/api/v1/network/projects?city_id=${p.city.id}`)).length, before, 'no project added');
  const kept = await officer.get(`/api/v1/network/projects/${p.id}`);
  assert.deepEqual(kept.body.milestones, [{ ...milestone(), done_on: null, note: '' }], 'the milestones as they were');
  expectStatus(await putMilestones(officer, 999999999, []), 404);
});

test('who may write milestones: the office staff; the auditor and everyone else are refused', async () => {
  const p = await aProject();
  expectStatus(await putMilestones(auditor, p.id, [milestone()]), 403);
  expectStatus(await putMilestones(citizen, p.id, [milestone()]), 403);
  expectStatus(await putMilestones(anonymous, p.id, [milestone()]), 401);
  assert.deepEqual((await auditor.get(`/api/v1/network/projects/${p.id}`)).body.milestones, [], 'nothing written');
});

// ------------------------------------------------------------------ linked documents

const addDocument = (client, id, filename, bytes, type = 'application/pdf') =>
  client.post(`/api/v1/network/projects/${id}/documents?filename=${encodeURIComponent(filename)}`, bytes,
    { headers: { 'Content-Type': type } });

test("a project's documents are PDFs added one by one, listed in their order, and downloaded byte for byte", async () => {
  const p = await aProject();
  const study = tinyPdf('Feasibility study');
  const r = await addDocument(officer, p.id, '可行性研究.pdf', study);
  expectStatus(r, 201, 'the officer links a document');
  assert.equal(r.body.filename, '可行性研究.pdf');
  assert.equal(r.body.content_type, 'application/pdf');
  assert.equal(r.body.size, study.length);
  assert.match(r.body.sha256, /^[0-9a-f]{64}$/);
  const second = await addDocument(approver, p.id, 'contract.PDF', tinyPdf('Contract'));
  expectStatus(second, 201, 'the approver links another');

  const list = await auditor.get(`/api/v1/network/projects/${p.id}/documents`);
  expectStatus(list, 200);
  assert.deepEqual(list.body.items.map((d) => d.id), [r.body.id, second.body.id], 'in the order added');
  assert.deepEqual(list.body.items[0], r.body);
  assert.equal((await auditor.get(`/api/v1/network/projects/${p.id}`)).body.documents_count, 2, 'the project counts its documents');
  assert.equal(p.documents_count, 0, 'none when added');
  const listed = await listAll(auditor, `/api/v1/network/projects?city_id=${p.city.id}`);
  assert.deepEqual(listed.map((x) => x.documents_count), [2], 'and so does the list');

  const down = await auditor.get(`/api/v1/network/projects/${p.id}/documents/${r.body.id}`, { raw: true });
  expectStatus(down, 200);
  assert.equal(down.headers.get('content-type'), 'application/pdf');
  assert.ok(Buffer.compare(down.bytes, Buffer.from(study)) === 0, 'the same bytes');
  assert.match(down.headers.get('content-disposition'), /attachment; filename=.*filename\*=UTF-8''%E5%8F%AF/);
  const other = await aProject();
  expectStatus(await officer.get(`/api/v1/network/projects/${other.id}/documents/${r.body.id}`), 404, "not under another project");

  const audit = await listAll(auditor, '/api/v1/audit?action=network.project.document');
  assert.ok(audit.some((e) => e.object_id === String(p.id) && e.detail.document_id === r.body.id && e.detail.sha256 === r.body.sha256), 'audited');
});

test('a document is refused unless a PDF by its content and name (415), over 10 MB (413), without a name (422); nothing stored', async () => {
  const p = await aProject();
  const pdf = tinyPdf();
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  expectError(await addDocument(officer, p.id, 'scan.png', png, 'image/png'), 415, 'unsupported_file');
  expectError(await addDocument(officer, p.id, 'scan.pdf', png), 415, 'unsupported_file');
  expectError(await addDocument(officer, p.id, 'report.docx', pdf), 415, 'unsupported_file');
  const noName = await addDocument(officer, p.id, '', pdf);
  expectError(noName, 422, 'validation_failed');
  findDetail(noName, 'required', 'filename');
  const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 1024, 0x20)]);
  let r;
  try {
    r = await rawRequest(officer, 'POST', `/api/v1/network/projects/${p.id}/documents?filename=big.pdf`, big,
      { 'Content-Type': 'application/pdf' });
  } catch (err) {
    assert.fail(`the server dropped the connection instead of answering 413: ${err.message}`);
  }
  expectError(r, 413);
  expectStatus(await addDocument(officer, 999999999, 'x.pdf', pdf), 404);
  const list = await officer.get(`/api/v1/network/projects/${p.id}/documents`);
  assert.deepEqual(list.body.items, [], 'nothing stored');
  expectStatus(await officer.get('/api/v1/network/projects/999999999/documents'), 404);
});

test('who may add documents: the office staff; the auditor reads and downloads; nobody else either', async () => {
  const p = await aProject();
  const doc = await addDocument(officer, p.id, 'brief.pdf', tinyPdf());
  expectStatus(doc, 201);
  expectStatus(await addDocument(auditor, p.id, 'x.pdf', tinyPdf()), 403);
  expectStatus(await addDocument(citizen, p.id, 'x.pdf', tinyPdf()), 403);
  expectStatus(await citizen.get(`/api/v1/network/projects/${p.id}/documents`), 403);
  expectStatus(await citizen.get(`/api/v1/network/projects/${p.id}/documents/${doc.body.id}`), 403);
  expectStatus(await anonymous.get(`/api/v1/network/projects/${p.id}/documents/${doc.body.id}`), 401);
  assert.equal((await auditor.get(`/api/v1/network/projects/${p.id}/documents`)).body.items.length, 1);
});

test("the demo's auto-parts plant has its project brief linked, a real PDF", async () => {
  const all = await listAll(auditor, '/api/v1/network/projects');
  const plant = all.find((p) => p.title_en === 'A Ningbo auto-parts plant in Nelson Mandela Bay');
  const list = await auditor.get(`/api/v1/network/projects/${plant.id}/documents`);
  expectStatus(list, 200);
  const [brief] = list.body.items;
  assert.equal(brief?.filename, 'project-brief.pdf');
  const down = await auditor.get(`/api/v1/network/projects/${plant.id}/documents/${brief.id}`, { raw: true });
  expectStatus(down, 200);
  assert.equal(down.bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal(down.bytes.length, brief.size);
});
