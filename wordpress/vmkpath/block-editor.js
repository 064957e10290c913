// The "vmkpath" block in the editor: the widget's attributes as text fields in the sidebar and a
// summary in the post. Dynamic block: nothing is saved but the attributes, and the page is drawn
// by the plugin's PHP (the same markup as the shortcode).
(function (wp) {
  const { registerBlockType } = wp.blocks;
  const { createElement: h } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl } = wp.components;
  const FIELDS = [
    ['scenario', 'Built-in scenario (e.g. shared-subnet, multi-nic-fix)'],
    ['src', 'Or: URL of a scenario file (TOML or JSON)'],
    ['chapter', 'Or: tour chapter to start at'],
    ['controls', 'Controls: all, none, or names separated by spaces'],
    ['panels', 'Panels offered (names separated by spaces)'],
    ['theme', 'Theme: light or dark (default: the reader’s)'],
    ['autoplay', 'Autoplay: true to play at once'],
  ];
  registerBlockType('vmkpath/widget', {
    edit({ attributes, setAttributes }) {
      const fields = FIELDS.map(([name, label]) =>
        h(TextControl, {
          key: name,
          label,
          value: attributes[name] || '',
          onChange: (value) => setAttributes({ [name]: value }),
        }),
      );
      const summary = attributes.src || attributes.chapter || attributes.scenario || 'the controls’ scenario';
      return h(
        'div',
        useBlockProps(),
        h(InspectorControls, null, h(PanelBody, { title: 'vmkpath' }, fields)),
        h('p', null, `vmkpath widget: ${summary}`),
      );
    },
    save: () => null,
  });
})(window.wp);
