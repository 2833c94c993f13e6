/**
 * Printing stays offline whatever a template does (issue 13, item 7). A
 * curriculum's own head partial drops the CSP and tries every way out a page
 * has: fetch, XHR, beacon, EventSource, WebSocket (from the page, from a
 * fresh iframe, from a worker), WebRTC with STUN and TURN (UDP and TCP),
 * window.open, a target=_blank click, images, frames and stylesheets, all to
 * a listener on 127.0.0.1 (TCP and UDP on the same port). The listener must
 * receive nothing while the PDFs print; the page's own marker shows the
 * probes ran.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER, NEEDS_BROWSER, buildPdf, cleanTemps, copyFixture, pageTexts } from './helpers.js';
import { ROOT } from '../helpers.js';

afterAll(cleanTemps);

/** The probes, run by the page as it loads. */
function probes(port: number): string {
  const js = `
(function () {
  var P = 'http://127.0.0.1:${port}';
  function t(f) { try { f(); } catch (e) {} }
  t(function () { fetch(P + '/fetch').catch(function () {}); });
  t(function () { var x = new XMLHttpRequest(); x.open('GET', P + '/xhr'); x.send(); });
  t(function () { navigator.sendBeacon(P + '/beacon', 'x'); });
  t(function () { new EventSource(P + '/events'); });
  t(function () { new WebSocket('ws://127.0.0.1:${port}/ws'); });
  function rtc(W) {
    t(function () {
      var C = W.RTCPeerConnection || W.webkitRTCPeerConnection;
      var pc = new C({ iceServers: [
        { urls: 'stun:127.0.0.1:${port}' },
        { urls: 'turn:127.0.0.1:${port}?transport=udp', username: 'u', credential: 'c' },
        { urls: 'turn:127.0.0.1:${port}?transport=tcp', username: 'u', credential: 'c' } ] });
      pc.createDataChannel('d');
      pc.createOffer().then(function (o) { return pc.setLocalDescription(o); }).catch(function () {});
    });
  }
  rtc(window);
  t(function () {
    var f = document.createElement('iframe');
    document.documentElement.appendChild(f);
    rtc(f.contentWindow);
    t(function () { new f.contentWindow.WebSocket('ws://127.0.0.1:${port}/frame-ws'); });
    t(function () { f.contentWindow.fetch(P + '/frame-fetch').catch(function () {}); });
    t(function () { f.contentWindow.open(P + '/frame-popup'); });
  });
  t(function () {
    var g = document.createElement('iframe');
    document.documentElement.appendChild(g);
    var w = window[window.length - 1];
    rtc(w);
    t(function () { new w.WebSocket('ws://127.0.0.1:${port}/frames-ws'); });
  });
  t(function () {
    var h = document.createElement('iframe');
    h.srcdoc = '<script>' + rtc.toString() + ';' + t.toString() + ';rtc(window);rtc(parent)<\/script>';
    document.documentElement.appendChild(h);
  });
  t(function () { window.open(P + '/popup'); });
  t(function () { window.open('about:blank').document.write('<img src="' + P + '/popup-img">'); });
  t(function () { var a = document.createElement('a'); a.href = P + '/blank'; a.target = '_blank'; document.documentElement.appendChild(a); a.click(); });
  t(function () {
    var src = "try{new WebSocket('ws://127.0.0.1:${port}/worker-ws')}catch(e){};try{fetch('http://127.0.0.1:${port}/worker-fetch')}catch(e){}";
    new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
  });
  document.addEventListener('DOMContentLoaded', function () {
    var d = document.createElement('div');
    d.innerHTML = '<img src="' + P + '/img"><iframe src="' + P + '/iframe"></iframe><link rel="stylesheet" href="' + P + '/css"><p>PROBES-RAN</p>';
    document.body.prepend(d);
  });
})();`;
  return `<script>${js}</script>`;
}

/** A TCP and a UDP listener on the same loopback port; counts what arrives. */
async function listen(): Promise<{ port: number; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = net.createServer((socket) => {
    hits.push('tcp connection');
    socket.on('data', (d) => hits.push(`tcp: ${d.toString('latin1').split('\r\n')[0]}`));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const udp = dgram.createSocket('udp4');
  udp.on('message', (m) => hits.push(`udp: ${m.length} bytes`));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    hits,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

describe.skipIf(!BROWSER)(`printing offline whatever a template does${NEEDS_BROWSER}`, () => {
  it('the listener is reachable: a control connection from Node arrives', async () => {
    const l = await listen();
    try {
      await new Promise<void>((resolve) => net.connect(l.port, '127.0.0.1', resolve).on('error', () => resolve()).end());
      const s = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => s.send('x', l.port, '127.0.0.1', () => resolve()));
      s.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(l.hits).toContain('tcp connection');
      expect(l.hits.some((h) => h.startsWith('udp'))).toBe(true);
    } finally {
      await l.close();
    }
  });

  it('sends nothing to 127.0.0.1 over TCP or UDP while printing a curriculum whose template reaches out', async () => {
    const l = await listen();
    try {
      const dir = await copyFixture('full');
      const head = (await readFile(path.join(ROOT, 'templates/partials/head.hbs'), 'utf8')).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
      expect(head).not.toMatch(/Content-Security-Policy/);
      await mkdir(path.join(dir, 'templates/partials'), { recursive: true });
      await writeFile(path.join(dir, 'templates/partials/head.hbs'), `${head}${probes(l.port)}\n`);
      const { base } = await buildPdf(dir, { persistentCache: false });
      // Anything still in flight would have had time to arrive.
      await new Promise((r) => setTimeout(r, 500));
      const text = (await pageTexts(path.join(base, 'facilitator-guide.pdf'))).join('\n');
      expect(text).toContain('PROBES-RAN');
      expect(l.hits).toEqual([]);
    } finally {
      await l.close();
    }
  });
});
