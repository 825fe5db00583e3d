// Applies the stored theme before the app renders so a dark page never flashes white.
// (An external file because the Content-Security-Policy forbids inline scripts.)
;(function () {
  try {
    var theme = localStorage.getItem('steward-theme') || 'system'
    var dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
    if (dark) document.documentElement.classList.add('dark')
  } catch (e) {
    /* storage unavailable: stay light */
  }
})()
