// The per-URL cost of ImageKit's Node SDK 7.11 in the shapes of benches/url.rs "per call"
// (options and transformation built for each URL, one value that changes between calls), so
// that the ratio to this crate is measured on one machine:
//   cd tools/node_url_bench && npm install && node bench.js
//   cargo bench --bench url -- "per call"
const ImageKit = require('@imagekit/nodejs').default ?? require('@imagekit/nodejs');
const client = new ImageKit({ privateKey: 'private_key_test', publicKey: 'public_key' });
const endpoint = 'https://ik.imagekit.io/your_imagekit_id';
const PATH = '/folder/default-image.jpg';
let sink = 0;
function measure(name, f) {
  for (let i = 0; i < 200000; i++) sink += f(i).length; // warm up the JIT
  const runs = [];
  for (let r = 0; r < 15; r++) {
    const n = 100000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += f(i).length;
    runs.push(Number(process.hrtime.bigint() - t0) / n);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name}: median ${runs[7].toFixed(0)} ns (min ${runs[0].toFixed(0)}, max ${runs[14].toFixed(0)})`);
}
measure('plain', (i) => client.helper.buildSrc({ urlEndpoint: endpoint, src: PATH, transformation: [{ height: 300 + (i & 1), width: 400 }] }));
measure('signed, expires in 300 s', (i) => client.helper.buildSrc({ urlEndpoint: endpoint, src: PATH, transformation: [{ height: 300 + (i & 1), width: 400 }, { rotation: 90 }], signed: true, expiresIn: 300 }));
measure('signed, no expiry', (i) => client.helper.buildSrc({ urlEndpoint: endpoint, src: PATH, transformation: [{ height: 300 + (i & 1), width: 400 }, { rotation: 90 }], signed: true }));
console.log(client.helper.buildSrc({ urlEndpoint: endpoint, src: PATH, transformation: [{ height: 300, width: 400 }] }));
