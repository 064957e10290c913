<?php
// Sets up the test WordPress from the command line, as an administrator would in the browser:
//   php setup.php install SITE PASSWORD        wp_install() (the install screen's work), user admin
//   php setup.php content SITE ZIP POSTS.json  the plugin zip unpacked by WordPress's own
//                                              unzip_file() and activated, then the posts
//   php setup.php check SITE                   what a request sees with the plugin active
// Prints what the test needs as JSON on the last line. Any failure exits non-zero with a message.

[$script, $mode, $site] = $argv + [null, null, null];
if (!in_array($mode, ['install', 'content', 'check'], true) || !is_dir((string) $site)) {
	fwrite(STDERR, "usage: php setup.php install|content|check SITE [PASSWORD | ZIP POSTS.json]\n");
	exit(2);
}
function fail($what) {
	fwrite(STDERR, "setup.php: $what\n");
	exit(1);
}

if ($mode === 'install') {
	define('WP_INSTALLING', true);
	require $site . '/wp-load.php';
	// Pluggable: the install would mail the admin (no mailer here, and nothing leaves the host).
	function wp_new_blog_notification() {}
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	$password = $argv[3] ?? fail('install needs the admin password');
	$result = wp_install('vmkpath on WordPress', 'admin', 'admin@example.invalid', false, '', $password);
	if (is_wp_error($result)) fail('wp_install: ' . $result->get_error_message());
	echo json_encode(['installed' => get_option('siteurl'), 'theme' => get_option('stylesheet')]), "\n";
	exit(0);
}

if ($mode === 'check') {
	// A fresh load: the plugin's init hooks have run, as on every request.
	require $site . '/wp-load.php';
	$block = WP_Block_Type_Registry::get_instance()->get_registered('vmkpath/widget');
	echo json_encode([
		'block' => $block ? array_keys($block->attributes) : null,
		'shortcode' => shortcode_exists('vmkpath'),
		'module' => wp_scripts()->query('vmkpath') ? wp_scripts()->query('vmkpath')->src : null,
	]), "\n";
	exit(0);
}

[, , , $zip, $posts] = $argv + [null, null, null, null, null];
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_set_current_user(1);
if (!WP_Filesystem()) fail('WP_Filesystem() is not available');
$unzipped = unzip_file($zip, WP_PLUGIN_DIR);
if (is_wp_error($unzipped)) fail('unzip_file: ' . $unzipped->get_error_message());
$activated = activate_plugin('vmkpath/vmkpath.php');
if (is_wp_error($activated)) fail('activate_plugin: ' . $activated->get_error_message());
$urls = [];
foreach (json_decode(file_get_contents($posts), true) as $name => $post) {
	$id = wp_insert_post(['post_title' => $post['title'], 'post_content' => $post['content'], 'post_status' => 'publish'], true);
	if (is_wp_error($id)) fail("wp_insert_post $name: " . $id->get_error_message());
	$urls[$name] = get_permalink($id);
}
echo json_encode(['posts' => $urls, 'active' => is_plugin_active('vmkpath/vmkpath.php'), 'wordpress' => get_bloginfo('version')]), "\n";
