// The note's scripts and a few reads through the typescript-fetch client generated from the contract, run with Node
// by GeneratedTypeScriptClientIT against the packaged application. It fails (exit 1) on the first answer that is not
// as expected, and prints the ids it made as one JSON object, for the test to check the rows.
import {
    AuthorsApi,
    Configuration,
    GraphApi,
    GraphDocumentEdgeKindEnum,
    GraphDocumentNodeTypeEnum,
    ProblemFromJSON,
    ResponseError,
    VideosApi,
} from '../../../target/clients/typescript';
import type { Problem } from '../../../target/clients/typescript';

// Node's own globals, without a dependency on @types/node
declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const config = new Configuration({ basePath: process.env.REELGRAPH_URL, accessToken: process.env.REELGRAPH_TOKEN });
const authors = new AuthorsApi(config);
const videos = new VideosApi(config);
const graph = new GraphApi(config);

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error('not as expected: ' + what);
    }
}

async function problem(call: Promise<unknown>): Promise<Problem> {
    try {
        await call;
    } catch (error) {
        check(error instanceof ResponseError, 'a failed call is a ResponseError');
        const response = (error as ResponseError).response;
        check((response.headers.get('Content-Type') ?? '').startsWith('application/problem+json'), 'a problem');
        return ProblemFromJSON(await response.json());
    }
    throw new Error('not as expected: the call succeeded');
}

async function main(): Promise<void> {
    // one-to-one from either side
    const featuring = await authors.createAuthor({
        authorCreate: { name: 'test_author', featuredVideo: { code: 'new_video', img: '123', score: 9 } },
    });
    const featured = await videos.getVideo({ id: featuring.featuredVideo!.id! });
    check(featured.featuredBy?.id === featuring.id, 'the video names the author featuring it');
    const fromVideo = await videos.createVideo({ videoCreate: { code: 'new_video', featuredBy: { name: 'test_author' } } });
    check((await authors.getAuthor({ id: fromVideo.featuredBy!.id! })).featuredVideo?.id === fromVideo.id, 'featured');

    // one-to-many: two uploads, listed in order
    const uploader = await authors.createAuthor({
        authorCreate: { name: 'test_author', videos: [{ code: 'video a', img: '123', score: 9 }] },
    });
    await authors.uploadVideo({ id: uploader.id!, videoFields: { code: 'video b', img: '456', score: 8 } });
    const uploads = await authors.listAuthorVideos({ id: uploader.id! });
    check(uploads.items?.map((video) => video.code).join() === 'video a,video b', 'two uploads in order');

    // many-to-many: two new authors on one video, then a credit changed, one removed, one added
    const credited = await videos.createVideo({
        videoCreate: {
            code: 'video a',
            credits: [{ author: { name: 'author a' }, extraData: 'a a' }, { author: { name: 'author b' }, extraData: 'a b' }],
        },
    });
    const [first, second] = credited.credits!.map((credit) => credit.authorId!);
    await videos.putCredit({ videoId: credited.id!, authorId: first, creditFields: { extraData: 'changed' } });
    await videos.deleteCredit({ videoId: credited.id!, authorId: second });
    const credits = await videos.listVideoCredits({ id: credited.id! });
    check(credits.total === 1 && credits.items![0].extraData === 'changed', 'one credit left, changed');

    // a list followed by its cursor, and expand
    const prefix = 'ts' + Date.now();
    for (let i = 0; i < 3; i++) {
        await authors.createAuthor({ authorCreate: { name: prefix + i } });
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
        const page = await authors.listAuthors({ name: prefix, size: 2, cursor });
        names.push(...page.items!.map((author) => author.name!));
        cursor = page.next ? new URL(page.next, 'http://base').searchParams.get('cursor') ?? undefined : undefined;
    } while (cursor);
    check(names.join() === [0, 1, 2].map((i) => prefix + i).join(), 'every author of the list, page by page');
    const expanded = await authors.getAuthor({ id: uploader.id!, expand: 'videos' });
    check(expanded.videos![0].author?.id === uploader.id, 'an expanded upload names its author');

    // POST /graph, then GET /graph
    const imported = await graph.importGraph({
        graphDocument: {
            nodes: [
                { id: 'a', type: GraphDocumentNodeTypeEnum.Author, name: 'importer' },
                { id: 'v', type: GraphDocumentNodeTypeEnum.Video, code: 'imported' },
            ],
            edges: [{ from: 'a', to: 'v', kind: GraphDocumentEdgeKindEnum.Upload }],
        },
    });
    const importer = Number(imported.created!['a'].split(':')[1]);
    const neighbourhood = await graph.getNeighbourhood({ author: importer, depth: 1 });
    check(neighbourhood.edges?.length === 1 && neighbourhood.edges[0].kind === 'upload', 'the imported upload');

    // a 409 and a 412, read as problems
    const other = await authors.createAuthor({ authorCreate: { name: 'other' } });
    const conflict = await problem(authors.setFeaturedVideo({ id: other.id!, videoLink: { videoId: featured.id! } }));
    check(conflict.status === 409 && conflict.type === 'urn:reelgraph:problem:conflict', '409 conflict');
    const read = await authors.getAuthorRaw({ id: other.id! });
    const etag = read.raw.headers.get('ETag')!;
    await authors.updateAuthor({ id: other.id!, ifMatch: etag, authorFields: { name: 'renamed' } });
    const stale = await problem(authors.updateAuthor({ id: other.id!, ifMatch: etag, authorFields: { name: 'lost' } }));
    check(stale.status === 412 && stale.type === 'urn:reelgraph:problem:precondition-failed', '412 stale');

    console.log(JSON.stringify({ featuring: featuring.id, uploader: uploader.id, credited: credited.id, importer,
        renamed: other.id }));
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
