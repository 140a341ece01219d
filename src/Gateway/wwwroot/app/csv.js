// Enough of RFC 4180 to preview an upload: quoted fields with commas, doubled quotes and line breaks. The API reads the
// whole file by its own rules; this only shows the first rows before anything is sent.

/** The first `limit` records of text (a BOM and blank lines dropped), each an array of fields. */
export function firstRecords(text, limit) {
  const records = [];
  let record = [], value = '', quoted = false;
  const endRecord = () => {
    record.push(value);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    value = '';
  };
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length && records.length < limit; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { value += '"'; i++; }
      else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(value); value = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
    } else value += c;
  }
  if (records.length < limit && (value !== '' || record.length > 0)) endRecord();
  return records;
}
