// Building invitation letters (invitation_letter case data) for the API tests.
import { addDays, tag } from './client.mjs';

// China's date (UTC+8): the office's "today", the date a letter is issued on.
export const chinaToday = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

// ICAO Doc 9303 Part 3 §4.9 check digit.
function checkDigit(s) {
  const v = (c) => (c >= '0' && c <= '9' ? +c : c === '<' ? 0 : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + v(c) * [7, 3, 1][i % 3], 0) % 10);
}
const yymmdd = (iso) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const fill = (s, n) => (s + '<'.repeat(n)).slice(0, n);

// A passport's two MRZ lines for an invitee (nationality FR → FRA, DE → D).
function mrzOf(p) {
  const nat = p.nationality === 'DE' ? 'D' : { FR: 'FRA', IT: 'ITA', GB: 'GBR' }[p.nationality];
  const line1 = fill(`P<${fill(nat, 3)}${p.surname}<<${p.given_names.replace(/ /g, '<')}`, 44);
  const num = fill(p.passport_number, 9), birth = yymmdd(p.birth_date), exp = yymmdd(p.passport_expiry);
  let line2 = num + checkDigit(num) + fill(nat, 3) + birth + checkDigit(birth) + p.sex + exp + checkDigit(exp) + '<'.repeat(14) + '<';
  line2 += checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
  return `${line1}\n${line2}`;
}

let serial = 0;
export function invitee(over = {}) {
  serial += 1;
  const p = {
    surname: 'DUBOIS', given_names: 'CLAIRE', sex: 'F', birth_date: '1981-06-21', nationality: 'FR',
    passport_number: `${String(Date.now() % 1e5).padStart(5, '0')}T${String(serial).padStart(3, '0')}`,
    passport_expiry: addDays(chinaToday, 1500), employer: 'Métropole Rouen Normandie', position: 'Head of international affairs',
    ...over,
  };
  return { ...p, mrz: over.mrz ?? mrzOf(p) };
}

export function letter(over = {}) {
  const arrival = addDays(chinaToday, 30);
  return {
    purpose: `洽谈智能装备合作 ${tag()}`, visa_category: 'M', entries: 'single',
    arrival_date: arrival, departure_date: addDays(arrival, 6), places: '宁波、杭州',
    relationship: '业务合作伙伴', costs_borne_by: 'inviter',
    invitees: [invitee(), invitee({ surname: 'MARTIN', given_names: 'LUC', sex: 'M', birth_date: '1978-09-09' })],
    inviter: {
      unit_name: '宁波智能装备有限公司', uscc: '91330203MA2AH1X00J', address: '宁波市海曙区望春工业园区 9 号',
      contact: '张昊', phone: '0574-87001234', signatory: '刘波',
    },
    ...over,
  };
}

