// The Mermaid anchor: the ESM build (it loads only the chunks the flowchart needs), from the
// benchmark's own npm dev dependency, served beside the page. Never fetched from a network.
import mermaid from './vendor/mermaid/mermaid.esm.min.mjs';

mermaid.initialize({ startOnLoad: false });
mermaid.run({ querySelector: 'pre.mermaid' });
