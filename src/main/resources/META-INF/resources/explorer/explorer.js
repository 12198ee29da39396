// The explorer page: find an author or a video, see its neighbourhood (GET /graph), open a node's fields
// (GET /authors/{id}, /videos/{id}), and edit links with an editor token. The URL holds the view, so that it can be
// shared and reloaded. Lit's templates render the page's parts (and escape what the catalogue holds).
import { html, render, nothing } from 'lit';
import { api } from './api.js';
import { EDGE_STYLES, GraphChart } from './graph-chart.js';

const SEARCH_DELAY_MS = 250;
const SEARCH_PAGE = 8;
const KIND_WORDS = { upload: 'uploaded', featured: 'features', credit: 'credited on' };

const $ = (selector) => document.querySelector(selector);

const state = {
    centre: null, // 'author:1' or 'video:2'
    selected: null,
    opened: null, // the node whose fields the panel shows
    shown: { depth: '2', limit: '200' }, // the depth and limit of the graph on screen
    graph: { nodes: [], edges: [], truncated: false },
};

const chart = new GraphChart($('#chart'), {
    onSelect: (id) => select(id),
    onCentre: (id) => centre(id, { focus: true }),
});

/** The API's path of a node id ('author:1' -> /authors/1). */
function pathOf(id) {
    const [type, number] = id.split(':');
    return `/${type}s/${number}`;
}

const inGraph = (id) => state.graph.nodes.some((node) => node.id === id);

function labelOf(id) {
    const node = state.graph.nodes.find((candidate) => candidate.id === id);
    return node ? node.label : id;
}

// --- the URL -------------------------------------------------------------------------------------------------------

function readUrl() {
    const query = new URLSearchParams(location.search);
    const depth = query.get('depth');
    const limit = query.get('limit');
    if (depth && [...$('#depth').options].some((option) => option.value === depth)) {
        $('#depth').value = depth;
    }
    if (limit && [...$('#limit').options].some((option) => option.value === limit)) {
        $('#limit').value = limit;
    }
    for (const type of ['author', 'video']) {
        if (/^[1-9][0-9]{0,18}$/.test(query.get(type) || '')) {
            return { centre: `${type}:${query.get(type)}`, selected: query.get('node') };
        }
    }
    return { centre: null, selected: null };
}

function writeUrl(push) {
    const query = new URLSearchParams();
    if (state.centre) {
        const [type, number] = state.centre.split(':');
        query.set(type, number);
        query.set('depth', state.shown.depth);
        query.set('limit', state.shown.limit);
        if (state.selected && state.selected !== state.centre) {
            query.set('node', state.selected);
        }
    }
    const url = `${location.pathname}${query.toString() ? `?${query}` : ''}`;
    if (url !== `${location.pathname}${location.search}`) {
        history[push ? 'pushState' : 'replaceState'](null, '', url);
    }
}

window.addEventListener('popstate', () => {
    const { centre: target, selected } = readUrl();
    if (target) {
        load(target, selected, { push: false, fromUrl: true });
    } else {
        clearView();
    }
});

/** No node: the page as it opens. */
function clearView() {
    loading?.abort();
    opening?.abort();
    state.centre = null;
    state.selected = null;
    state.opened = null;
    state.graph = { nodes: [], edges: [], truncated: false };
    chart.clear();
    render(nothing, $('#table'));
    $('#status').textContent = 'Find an author or a video to see its neighbourhood.';
    $('#status').classList.remove('truncated');
    render(html`<p>Click a node, or open one from the table, to see its fields and links.</p>`, $('#panel'));
}

// --- find ----------------------------------------------------------------------------------------------------------

let searchTimer;
let searching;

$('#search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, SEARCH_DELAY_MS);
});

async function search() {
    const text = $('#search').value.trim();
    searching?.abort();
    if (!text) {
        render(nothing, $('#results'));
        $('#results-status').textContent = '';
        return;
    }
    searching = new AbortController();
    const signal = searching.signal;
    const query = encodeURIComponent(text);
    try {
        const [authors, videos] = await Promise.all([
            api.get(`/authors?name=${query}&size=${SEARCH_PAGE}`, { signal }),
            api.get(`/videos?code=${query}&size=${SEARCH_PAGE}`, { signal }),
        ]);
        showResults({ authors: { ...authors, all: authors.items }, videos: { ...videos, all: videos.items } }, signal);
    } catch (error) {
        searchFailed(error);
    }
}

/** A search or its next page that failed says why in place of the results; one given up for a newer is silent. */
function searchFailed(error) {
    if (error.name !== 'AbortError') {
        render(html`<p class="problem">${error.message}</p>`, $('#results'));
    }
}

function showResults(results, signal) {
    const more = async (kind) => {
        try {
            const page = await api.get(results[kind].next, { signal });
            results[kind] = { ...page, all: [...results[kind].all, ...page.items] };
            showResults(results, signal);
        } catch (error) {
            searchFailed(error);
        }
    };
    const list = (kind, title, label) => html`
        <h3>${title} <span class="count">(${results[kind].totalExact ? '' : 'about '}${results[kind].total})</span></h3>
        ${results[kind].all.length === 0 ? html`<p>None.</p>` : html`
            <ul class="results">
                ${results[kind].all.map((item) => html`<li><button type="button" data-node="${kind.slice(0, -1)}:${item.id}"
                    @click=${() => centre(`${kind.slice(0, -1)}:${item.id}`, { focus: true })}>${label(item)}</button></li>`)}
            </ul>`}
        ${results[kind].next ? html`<button type="button" class="more" @click=${() => more(kind)}>More ${title.toLowerCase()}</button>` : nothing}`;
    render(html`${list('authors', 'Authors', (author) => author.name)}
        ${list('videos', 'Videos', (video) => video.code)}`, $('#results'));
    $('#results-status').textContent = `${results.authors.total} authors and ${results.videos.total} videos found`;
}

// --- see -----------------------------------------------------------------------------------------------------------

let loading;

/**
 * Shows the neighbourhood of {@code target} (push: as a new history entry). On a problem it says so and keeps the view
 * as it was, unless the target came from the URL (history, a shared link): then the view is emptied, so as not to
 * show another node under it.
 */
async function load(target, selected = target, { push = true, fromUrl = false } = {}) {
    loading?.abort();
    loading = new AbortController();
    const [type, number] = target.split(':');
    const depth = $('#depth').value;
    const limit = $('#limit').value;
    $('#status').textContent = `Loading the neighbourhood of ${type} ${number}…`;
    try {
        const graph = await api.get(`/graph?${type}=${number}&depth=${depth}&limit=${limit}`, { signal: loading.signal });
        state.centre = target;
        state.graph = graph;
        state.shown = { depth, limit };
        $('#depth').value = depth;
        $('#limit').value = limit;
        state.selected = graph.nodes.some((node) => node.id === selected) ? selected : target;
        writeUrl(push);
        draw();
        await openPanel(state.selected);
    } catch (error) {
        if (error.name !== 'AbortError') {
            if (fromUrl) {
                clearView();
            }
            $('#depth').value = state.shown.depth;
            $('#limit').value = state.shown.limit;
            $('#status').textContent = `Could not show ${type} ${number}: ${error.message}`;
        }
    }
}

/** Re-centres on {@code id}; with focus (a person asked for it), the neighbourhood then has the focus. */
async function centre(id, { focus = false } = {}) {
    await load(id, id);
    if (focus && state.centre === id) {
        $('#view').focus();
    }
}

function draw() {
    const { nodes, edges, truncated } = state.graph;
    const { depth, limit } = state.shown;
    $('#status').textContent = `${labelOf(state.centre)}: ${nodes.length} nodes and ${edges.length} edges within `
        + `${depth} links (limit ${limit} nodes).`
        + (truncated ? ` Truncated: the neighbourhood has more than ${limit} nodes; only the nearest are shown. `
            + 'Raise the limit or lower the depth to see all of it.' : '');
    $('#status').classList.toggle('truncated', truncated);
    chart.show(state.graph, state.centre, state.selected);
    drawTable();
}

function drawTable() {
    const { nodes, edges } = state.graph;
    render(html`
        <table id="nodes">
            <caption>Nodes (${nodes.length})</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">Name or code</th><th scope="col">Id</th><th scope="col">Actions</th></tr></thead>
            <tbody>${nodes.map((node) => html`
                <tr data-node="${node.id}" aria-current=${node.id === state.selected ? 'true' : 'false'}>
                    <td>${node.type}</td><th scope="row">${node.label}</th><td>${node.id.split(':')[1]}</td>
                    <td><button type="button" @click=${() => select(node.id)}>Open</button>
                        <button type="button" @click=${() => centre(node.id, { focus: true })}
                            ?disabled=${node.id === state.centre}>Centre</button></td>
                </tr>`)}
            </tbody>
        </table>
        <table id="edges">
            <caption>Edges (${edges.length})</caption>
            <thead><tr><th scope="col">Author</th><th scope="col">Link</th><th scope="col">Video</th><th scope="col">Extra data</th></tr></thead>
            <tbody>${edges.map((edge) => html`
                <tr data-from="${edge.from}" data-to="${edge.to}" data-kind="${edge.kind}">
                    <td>${labelOf(edge.from)}</td>
                    <td><span class="swatch ${edge.kind}"></span>${KIND_WORDS[edge.kind]}</td>
                    <td>${labelOf(edge.to)}</td><td>${edge.extraData ?? ''}</td>
                </tr>`)}
            </tbody>
        </table>`, $('#table'));
}

for (const control of ['#depth', '#limit']) {
    $(control).addEventListener('change', () => state.centre && load(state.centre, state.selected));
}

function showAs(view) {
    $('#as-graph').setAttribute('aria-pressed', String(view === 'graph'));
    $('#as-table').setAttribute('aria-pressed', String(view === 'table'));
    $('#chart').hidden = view !== 'graph';
    $('#legend').hidden = view !== 'graph';
    $('#table').hidden = view !== 'table';
    if (view === 'graph') {
        chart.refresh();
    }
}

$('#as-graph').addEventListener('click', () => showAs('graph'));
$('#as-table').addEventListener('click', () => showAs('table'));

// --- explore -------------------------------------------------------------------------------------------------------

async function select(id) {
    state.selected = id;
    writeUrl(false);
    chart.highlight(id);
    drawTable();
    await openPanel(id);
}

let opening;

/** The panel shows {@code id}'s fields; an answer for a node no longer selected is dropped. */
async function openPanel(id) {
    opening?.abort();
    opening = new AbortController();
    const [type] = id.split(':');
    const expand = type === 'author' ? 'featuredVideo' : 'author,featuredBy';
    try {
        const view = await api.get(`${pathOf(id)}?expand=${expand}`, { signal: opening.signal });
        if (id !== state.selected) {
            return;
        }
        render(type === 'author' ? authorPanel(view) : videoPanel(view), $('#panel'));
        prefill(type, view.id);
        state.opened = id;
    } catch (error) {
        if (error.name !== 'AbortError') {
            render(html`<p class="problem">Could not open ${id}: ${error.message}</p>`, $('#panel'));
        }
    }
}

const go = (id, text) => html`<button type="button" class="link" @click=${() => select(id)} ?disabled=${!inGraph(id)}
    title="${inGraph(id) ? 'Open' : 'Not in this neighbourhood: centre on it to see it'}">${text}</button>
    <button type="button" class="link" @click=${() => centre(id, { focus: true })}>centre</button>`;

function more(link, shown) {
    return link ? html`<p class="more-note">${shown} of ${link.totalExact ? '' : 'at least '}${link.total} listed; the rest
        page by page from the API: <a href=${link.next}>${link.next}</a></p>` : nothing;
}

const listOf = (items, item) => (items.length
    ? html`<ul>${items.map((entry) => html`<li>${item(entry)}</li>`)}</ul>` : html`<p>None.</p>`);

const credited = (id, text, extraData) => html`${go(id, text)}${extraData ? html` — <q>${extraData}</q>` : nothing}`;

const centreOn = (id, text) => html`<button type="button" @click=${() => centre(id, { focus: true })}
    ?disabled=${state.centre === id}>Centre the graph on ${text}</button>`;

function authorPanel(author) {
    const featured = author.featuredVideo;
    return html`
        <h3>Author ${author.name}</h3>
        <dl>
            <dt>Id</dt><dd>${author.id}</dd>
            <dt>Version</dt><dd>${author.version}</dd>
            <dt>Featured video</dt><dd>${featured ? html`${go(`video:${featured.id}`, featured.code)}${
                featured.score != null ? ` (score ${featured.score})` : ''}` : 'none'}</dd>
        </dl>
        <h4>Uploads</h4>
        ${listOf(author.videos, (video) => go(`video:${video.id}`, video.code))}
        ${more(author.more?.videos, author.videos.length)}
        <h4>Credited on</h4>
        ${listOf(author.credits, (credit) => credited(`video:${credit.videoId}`, credit.code, credit.extraData))}
        ${more(author.more?.credits, author.credits.length)}
        ${centreOn(`author:${author.id}`, author.name)}`;
}

function videoPanel(video) {
    const authorLink = (author) => (author ? go(`author:${author.id}`, author.name) : 'nobody');
    return html`
        <h3>Video ${video.code}</h3>
        <dl>
            <dt>Id</dt><dd>${video.id}</dd>
            <dt>Version</dt><dd>${video.version}</dd>
            <dt>Score</dt><dd>${video.score ?? 'none'}</dd>
            <dt>Image</dt><dd>${video.img ?? 'none'}</dd>
            <dt>Uploaded by</dt><dd>${authorLink(video.author)}</dd>
            <dt>Featured by</dt><dd>${authorLink(video.featuredBy)}</dd>
        </dl>
        <h4>Credits</h4>
        ${listOf(video.credits, (credit) => credited(`author:${credit.authorId}`, credit.name, credit.extraData))}
        ${more(video.more?.credits, video.credits.length)}
        ${centreOn(`video:${video.id}`, video.code)}`;
}

/** The edit forms start from the node just opened, where the field is empty or still holds the last such id. */
function prefill(type, id) {
    for (const input of document.querySelectorAll(`#edit input[data-kind="${type}"]`)) {
        if (input.value === '' || input.value === input.dataset.prefilled) {
            input.value = id;
            input.dataset.prefilled = String(id);
        }
    }
}

// --- edit ----------------------------------------------------------------------------------------------------------

const TOKEN_KEY = 'reelgraph.editor-token';
$('#token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
$('#token').addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim()));
$('#dev-token').addEventListener('click', async () => {
    try {
        $('#token').value = await api.devToken();
        sessionStorage.setItem(TOKEN_KEY, $('#token').value);
        say('A dev-mode editor token is in place.', false, $('#token-area'));
    } catch (error) {
        say(error.message, true, $('#token-area'));
    }
});

/** Says how an edit went in the form's own result line, where the person is looking (each is a live region). */
function say(message, problem, where) {
    for (const other of document.querySelectorAll('#edit .result')) {
        other.textContent = '';
    }
    const result = where.querySelector('.result');
    result.textContent = message;
    result.classList.toggle('problem', problem);
    result.scrollIntoView({ block: 'nearest' });
}

const id = (form, name) => form.elements[name].value.trim();

/**
 * Each form's request, and what it says and where the view goes once it succeeds (target: a new node; subject: the
 * node whose links changed); the graph is only redrawn after a success.
 */
const EDITS = {
    'create-author': async (form, token) => {
        const author = await api.post('/authors', { name: form.elements.name.value }, token);
        return { message: `Author ${author.name} created (id ${author.id}).`, target: `author:${author.id}` };
    },
    'create-video': async (form, token) => {
        const body = { code: form.elements.code.value };
        if (form.elements.score.value !== '') {
            body.score = Number(form.elements.score.value);
        }
        if (id(form, 'authorId')) {
            body.authorId = Number(id(form, 'authorId'));
        }
        const video = await api.post('/videos', body, token);
        return { message: `Video ${video.code} created (id ${video.id}).`, target: `video:${video.id}` };
    },
    credit: async (form, token, action) => {
        if (action === 'clear') {
            await api.delete(`/videos/${id(form, 'videoId')}/credits/${id(form, 'authorId')}`, token);
            return { message: `Author ${id(form, 'authorId')} is no longer credited on video ${id(form, 'videoId')}.`,
                subject: `video:${id(form, 'videoId')}` };
        }
        const credit = await api.put(`/videos/${id(form, 'videoId')}/credits/${id(form, 'authorId')}`,
            { extraData: form.elements.extraData.value || null }, token);
        return { message: `${credit.name} is credited on ${credit.code}${credit.extraData ? ` (${credit.extraData})` : ''}.`,
            subject: `video:${credit.videoId}` };
    },
    featured: async (form, token, action) => {
        if (action === 'clear') {
            await api.delete(`/authors/${id(form, 'authorId')}/featured-video`, token);
            return { message: `Author ${id(form, 'authorId')} features no video now.`, subject: `author:${id(form, 'authorId')}` };
        }
        const author = await api.put(`/authors/${id(form, 'authorId')}/featured-video`,
            { videoId: Number(id(form, 'videoId')) }, token);
        return { message: `${author.name} features ${author.featuredVideo?.code ?? `video ${id(form, 'videoId')}`}.`,
            subject: `author:${author.id}` };
    },
    uploader: async (form, token, action) => {
        if (action === 'clear') {
            await api.delete(`/videos/${id(form, 'videoId')}/author`, token);
            return { message: `Video ${id(form, 'videoId')} has no uploader now.`, subject: `video:${id(form, 'videoId')}` };
        }
        const video = await api.put(`/videos/${id(form, 'videoId')}/author`,
            { authorId: Number(id(form, 'authorId')) }, token);
        return { message: `${video.code} was uploaded by ${video.author?.name ?? `author ${id(form, 'authorId')}`}.`,
            subject: `video:${video.id}` };
    },
};

for (const form of document.querySelectorAll('form[data-edit]')) {
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const action = event.submitter?.name || 'set';
        const needed = action === 'set' ? 'input[required], input[data-set-needs]' : 'input[required]';
        const missing = [...form.querySelectorAll(needed)].find((input) => !input.value.trim());
        if (missing) {
            say(`Give the ${missing.closest('label').firstChild.textContent.trim().toLowerCase()}.`, true, form);
            missing.focus();
            return;
        }
        const buttons = form.querySelectorAll('button');
        buttons.forEach((button) => { button.disabled = true; });
        try {
            const { message, target, subject } = await EDITS[form.id](form, $('#token').value.trim(), action);
            say(message, false, form);
            // a new node is centred; an edited link is redrawn where the view is, or around what it changed
            if (target || !state.centre) {
                await centre(target ?? subject);
            } else {
                await load(state.centre, state.selected, { push: false });
            }
        } catch (error) {
            say(`Not saved: ${error.message}`, true, form);
        } finally {
            buttons.forEach((button) => { button.disabled = false; });
        }
    });
}

// --- start ---------------------------------------------------------------------------------------------------------

window.reelgraphExplorer = { drawn: () => chart.drawn(), state };

const start = readUrl();
if (start.centre) {
    load(start.centre, start.selected || start.centre, { push: false, fromUrl: true });
}
