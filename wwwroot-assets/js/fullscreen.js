// Buttons marked data-fullscreen (the check-in projector, the contributions board) put the page in full screen.
// A listener here rather than inline onclick: the Content-Security-Policy allows no inline script.
document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-fullscreen]') : null;
    if (button && document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () { });
    }
});
