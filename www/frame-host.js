// For pages that embed frame.html in an <iframe>: resize each such iframe to the height its
// widget reports. Paste next to the iframe:
//   <script type="module" src="/path/to/frame-host.js"></script>
// Only the iframe whose window sent the message is resized, and only to a sane height; nothing
// else is read from the message. Works across origins (the frame posts with targetOrigin '*':
// a height is no secret).
const HEIGHT_MESSAGE = 'vmkpath:height';
const MAX_HEIGHT = 20000;

/** Resize `iframe` elements under `root` when their frame reports its height. */
export function resizeFrames(root = document) {
  const onMessage = (event) => {
    const data = event.data;
    if (!data || data.type !== HEIGHT_MESSAGE) return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    for (const frame of root.querySelectorAll('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      frame.style.setProperty('height', `${Math.ceil(height)}px`);
      frame.dispatchEvent(new CustomEvent('vmkpath:resized', { detail: { height } }));
    }
  };
  addEventListener('message', onMessage);
  return () => removeEventListener('message', onMessage);
}

resizeFrames();
