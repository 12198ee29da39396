// The neighbourhood drawn by ECharts' graph series (force layout): authors and videos as two shapes, edges coloured
// by kind, credits labelled with their data; pan, zoom and drag are ECharts' own (roam, draggable).
import * as echarts from 'echarts/dist/echarts.esm.min.js';

export const EDGE_COLOURS = { upload: '#2f7d32', featured: '#c2410c', credit: '#1d4ed8' };
const SHAPES = { author: 'circle', video: 'roundRect' };
const NODE_COLOURS = { author: '#7c3aed', video: '#0f766e' };
const CURVES = { upload: 0, featured: 0.3, credit: -0.3 };
// above these sizes, labels are left to hover and emphasis: hundreds of them would cover the drawing
const LABELLED_NODES = 80;
const LABELLED_EDGES = 150;

export class GraphChart {
    constructor(element, { onSelect, onCentre }) {
        this.chart = echarts.init(element, null, { renderer: 'canvas' });
        this.chart.on('click', (event) => event.dataType === 'node' && onSelect(event.data.id));
        this.chart.on('dblclick', (event) => event.dataType === 'node' && onCentre(event.data.id));
        new ResizeObserver(() => this.chart.resize()).observe(element);
    }

    /** Draws {nodes, edges} around {@code centre}, with {@code selected} highlighted. */
    show(graph, centre, selected) {
        this.ids = graph.nodes.map((node) => node.id);
        const many = graph.nodes.length > LABELLED_NODES;
        const labelledEdges = graph.edges.length <= LABELLED_EDGES;
        this.chart.setOption({
            animation: false,
            tooltip: { formatter: (item) => tooltip(item) },
            series: [{
                type: 'graph',
                layout: 'force',
                // computed in one go, so that a node stays where it is drawn until it is dragged
                force: { repulsion: many ? 60 : 140, edgeLength: many ? [20, 60] : [80, 160], gravity: 0.08,
                    layoutAnimation: false, friction: 0.2 },
                roam: true,
                draggable: true,
                edgeSymbol: ['none', 'arrow'],
                edgeSymbolSize: 6,
                emphasis: { focus: 'adjacency' },
                // selecting a node only restyles it: a new option would lay the whole graph out again
                selectedMode: 'single',
                select: { itemStyle: { borderColor: '#111', borderWidth: 3 }, label: { show: true } },
                data: graph.nodes.map((node) => ({
                    id: node.id,
                    name: node.label,
                    type: node.type,
                    symbol: SHAPES[node.type],
                    symbolSize: node.id === centre ? 28 : many ? 10 : 16,
                    itemStyle: { color: NODE_COLOURS[node.type], borderColor: '#fff', borderWidth: 1 },
                    label: { show: !many || node.id === centre, position: 'right' },
                })),
                links: graph.edges.map((edge) => ({
                    source: edge.from,
                    target: edge.to,
                    kind: edge.kind,
                    extraData: edge.extraData,
                    lineStyle: { color: EDGE_COLOURS[edge.kind], width: edge.kind === 'featured' ? 2.5 : 1.5,
                        // the three kinds can join the same two nodes: each bends its own way
                        type: edge.kind === 'credit' ? 'dashed' : 'solid', curveness: CURVES[edge.kind] },
                    label: { show: labelledEdges && edge.kind === 'credit' && !!edge.extraData,
                        formatter: () => edge.extraData, fontSize: 10 },
                })),
            }],
        }, { notMerge: true });
        this.highlight(selected);
    }

    /** Marks {@code id} as the selected node, where the layout put it. */
    highlight(id) {
        this.chart.dispatchAction({ type: 'unselect', seriesIndex: 0, dataIndex: this.ids.map((_, index) => index) });
        if (this.ids.includes(id)) {
            this.chart.dispatchAction({ type: 'select', seriesIndex: 0, dataIndex: this.ids.indexOf(id) });
        }
    }

    clear() {
        this.chart.clear();
    }

    /**
     * What is drawn, read back from the chart's own model: the nodes with their place on the page, and the edges.
     * The browser tests compare it with the API's answer and click on the nodes where they are drawn.
     */
    drawn() {
        const option = this.chart.getOption();
        if (!option.series || !option.series.length) {
            return { nodes: [], edges: [] };
        }
        const data = this.chart.getModel().getSeriesByIndex(0).getData();
        const box = this.chart.getDom().getBoundingClientRect();
        const nodes = option.series[0].data.map((node, index) => {
            const [x, y] = this.chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(index));
            return { id: node.id, type: node.type, label: node.name, x: box.left + x, y: box.top + y };
        });
        const edges = option.series[0].links.map((link) => ({
            from: link.source, to: link.target, kind: link.kind, extraData: link.extraData,
        }));
        return { nodes, edges };
    }
}

function tooltip(item) {
    const text = (value) => String(value).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    if (item.dataType === 'node') {
        return `${text(item.data.type)} ${text(item.data.name)}`;
    }
    const data = item.data.extraData ? ` (${text(item.data.extraData)})` : '';
    return `${text(item.data.kind)}${data}`;
}
