// The schedule grid as one tab stop (a roving tabindex): Tab enters the grid at the cell last focused, the arrow
// keys move between free cells and bookings (left/right within a room's row, up/down to the nearest in the next
// row), Home/End to the row's first/last, Enter opens the focused link.
const wired = new WeakSet();

function cells(host) {
    return Array.from(host.querySelectorAll('[data-cell]'));
}

function focusCell(host, target) {
    if (!target) return;
    for (const c of cells(host)) c.tabIndex = c === target ? 0 : -1;
    target.focus();
}

function ensureOneTabStop(host) {
    const all = cells(host);
    if (all.length === 0) return;
    if (!all.some(c => c.tabIndex === 0)) all[0].tabIndex = 0;
}

function move(host, from, key) {
    const r = +from.dataset.r, c = +from.dataset.c;
    const all = cells(host);
    const row = all.filter(e => +e.dataset.r === r);
    const at = row.indexOf(from);
    switch (key) {
        case 'ArrowRight': return row[at + 1];
        case 'ArrowLeft': return row[at - 1];
        case 'Home': return row[0];
        case 'End': return row[row.length - 1];
        case 'ArrowDown':
        case 'ArrowUp': {
            const step = key === 'ArrowDown' ? 1 : -1;
            const rows = [...new Set(all.map(e => +e.dataset.r))].sort((a, b) => a - b);
            let i = rows.indexOf(r) + step;
            if (i < 0 || i >= rows.length) return undefined;
            const next = all.filter(e => +e.dataset.r === rows[i]);
            return next.reduce((best, e) => Math.abs(+e.dataset.c - c) < Math.abs(+best.dataset.c - c) ? e : best, next[0]);
        }
    }
    return undefined;
}

export function roving(host) {
    if (!host) return;
    ensureOneTabStop(host);
    if (wired.has(host)) return;
    wired.add(host);
    host.addEventListener('focusin', e => {
        const cell = e.target.closest && e.target.closest('[data-cell]');
        if (cell && cell.tabIndex !== 0) for (const c of cells(host)) c.tabIndex = c === cell ? 0 : -1;
    });
    host.addEventListener('keydown', e => {
        const cell = e.target.closest && e.target.closest('[data-cell]');
        if (!cell) return;
        const target = move(host, cell, e.key);
        if (target) {
            e.preventDefault();
            focusCell(host, target);
        }
    });
}
