// The service's API as the page uses it: JSON in and out, problems (RFC 9457) turned into an Error that says what
// went wrong in words.

/** A response that is not 2xx: its problem's title, detail and violations, or the status alone. */
export class ProblemError extends Error {
    constructor(status, problem) {
        super(describe(status, problem));
        this.status = status;
        this.problem = problem;
    }
}

function describe(status, problem) {
    if (!problem) {
        return `The service answered HTTP ${status}.`;
    }
    const words = [problem.title || `HTTP ${status}`];
    if (problem.detail) {
        words.push(problem.detail);
    }
    for (const violation of problem.violations || []) {
        words.push(`${violation.field}: ${violation.message}`);
    }
    return words.join(' — ');
}

async function send(method, path, { body, token, signal } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    const response = await fetch(path, {
        method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('Content-Type') || '';
    // a body said to be JSON that is not (a proxy's error page) counts as none
    const json = /json/.test(type) ? await response.json().catch(() => null) : null;
    if (!response.ok) {
        throw new ProblemError(response.status, json);
    }
    return json;
}

export const api = {
    get: (path, options) => send('GET', path, options),
    post: (path, body, token) => send('POST', path, { body, token }),
    put: (path, body, token) => send('PUT', path, { body, token }),
    delete: (path, token) => send('DELETE', path, { token }),

    /** A dev-mode token, or a ProblemError outside dev mode (where /dev/token does not exist). */
    async devToken() {
        const response = await fetch('/dev/token');
        if (!response.ok) {
            throw new ProblemError(response.status, {
                title: 'No dev-mode token here',
                detail: '/dev/token exists only in dev mode (./mvnw quarkus:dev); paste an editor token instead',
            });
        }
        return (await response.text()).trim();
    },
};
