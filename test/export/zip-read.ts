/** A ZIP reader for the tests, independent of the writer: checks headers, sizes and every CRC. */
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Read a ZIP (stored or deflated entries), checking headers and CRCs, and that
 * no entry uses a trailing data descriptor (flag bit 3) or a backslash in its
 * path: learning platforms reject both.
 */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1 || eocd !== buf.length - 22) throw new Error('no end of central directory record at the end');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (p + size !== eocd) throw new Error('central directory size does not match');
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header ${n}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (buf.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    if (buf.subarray(offset + 30, offset + 30 + nameLen).toString('utf8') !== name) throw new Error(`local name differs for ${name}`);
    const start = offset + 30 + nameLen + buf.readUInt16LE(offset + 28);
    if (flags & 0x8 || buf.readUInt16LE(offset + 6) & 0x8) throw new Error(`${name}: trailing data descriptor`);
    if (name.includes('\\')) throw new Error(`${name}: backslash in path`);
    if (buf.readUInt32LE(offset + 18) !== csize || buf.readUInt32LE(offset + 14) !== crc) throw new Error(`${name}: local header sizes or CRC differ`);
    const raw = buf.subarray(start, start + csize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: method ${method}, expected stored or deflated`);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (data.length !== buf.readUInt32LE(p + 24)) throw new Error(`${name}: size differs`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    if (files.has(name)) throw new Error(`duplicate entry ${name}`);
    files.set(name, Buffer.from(data));
    p += 46 + nameLen + extra + comment;
  }
  return files;
}
