<?php
/**
 * Plugin Name:       vmkpath
 * Description:       Which VMkernel NIC carries which vMotion and NFC traffic, and why: the [vmkpath] shortcode and the "vmkpath" block draw the interactive <vmk-path> widget, served from this plugin (no CDN, no uploads).
 * Version:           @VERSION@
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 * Text Domain:       vmkpath
 *
 * The module (assets/vmk-path.js) loads its CSS and its WebAssembly from the same folder by
 * relative URLs, so the web server serves them as static files; assets/.htaccess gives the wasm
 * its MIME type (application/wasm) on Apache and LiteSpeed hosts. Every attribute is escaped
 * with esc_attr(); only the widget's own attributes pass.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'VMKPATH_VERSION', '@VERSION@' );

/** The widget's attributes, as the shortcode and the block take them. */
function vmkpath_attribute_names() {
	return array( 'scenario', 'src', 'chapter', 'controls', 'panels', 'theme', 'autoplay' );
}

/**
 * The module is a classic script handle with type="module" added (wp_enqueue_script_module
 * needs WordPress 6.5; this works from 6.1 on). Printed in the footer, once however many
 * widgets the page has.
 */
function vmkpath_register_module() {
	wp_register_script( 'vmkpath', plugins_url( 'assets/vmk-path.js', __FILE__ ), array(), VMKPATH_VERSION, true );
}
add_action( 'init', 'vmkpath_register_module' );

function vmkpath_module_tag( $tag, $handle ) {
	if ( 'vmkpath' !== $handle ) {
		return $tag;
	}
	return str_replace( '<script ', '<script type="module" ', preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $tag ) );
}
add_filter( 'script_loader_tag', 'vmkpath_module_tag', 10, 2 );

/**
 * The element for a set of attributes. Unknown attributes are dropped, empty ones left out,
 * every value escaped; `autoplay` is a flag ("true", "1" or "yes").
 */
function vmkpath_element( $atts ) {
	wp_enqueue_script( 'vmkpath' );
	$html = '<vmk-path';
	foreach ( vmkpath_attribute_names() as $name ) {
		$value = isset( $atts[ $name ] ) ? trim( (string) $atts[ $name ] ) : '';
		if ( '' === $value ) {
			continue;
		}
		if ( 'autoplay' === $name ) {
			if ( in_array( strtolower( $value ), array( 'true', '1', 'yes' ), true ) ) {
				$html .= ' autoplay';
			}
			continue;
		}
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . '></vmk-path>';
}

/** [vmkpath scenario="shared-subnet" controls="shared-subnet multi-nic" panels="…"] */
function vmkpath_shortcode( $atts ) {
	$defaults = array_fill_keys( vmkpath_attribute_names(), '' );
	return vmkpath_element( shortcode_atts( $defaults, (array) $atts, 'vmkpath' ) );
}
add_shortcode( 'vmkpath', 'vmkpath_shortcode' );

/** The "vmkpath" block: dynamic, rendered by the same function as the shortcode. */
function vmkpath_register_block() {
	register_block_type(
		__DIR__ . '/block.json',
		array(
			'render_callback' => function ( $attributes ) {
				return vmkpath_element( $attributes );
			},
		)
	);
}
add_action( 'init', 'vmkpath_register_block' );
