// The asciinema-player anchor: a short recording (the host check test fixture full-host.wrapped-80.txt replayed), its
// first frame shown at once (preload and an npt poster), as a blog embeds it.
/* global AsciinemaPlayer */
AsciinemaPlayer.create('demo.cast', document.getElementById('cast'), { preload: true, poster: 'npt:0:1', cols: 80, rows: 24 });
