// The public complaint form's live character count (/complaints). The page works without it: the server counts the
// same way (line breaks as one character, trimmed) when the form is posted and says so next to the field.
document.addEventListener('input', function (e) {
    var field = e.target;
    if (!field || !field.matches || !field.matches('textarea[data-count-max]')) return;
    var out = document.getElementById(field.getAttribute('data-count-output'));
    if (!out) return;
    var n = field.value.trim().length;
    var max = Number(field.getAttribute('data-count-max'));
    out.textContent = out.getAttribute('data-template').replace('{0}', String(n)).replace('{1}', String(max));
    out.classList.toggle('over', n > max);
});
