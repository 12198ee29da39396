// The neighbourhood drawn by ECharts' graph series: authors and videos as two shapes, edges by kind in colour, line
// and width, credits labelled with their data; pan, zoom and drag are ECharts' own (roam, draggable).
import * as echarts from 'echarts/dist/echarts.esm.min.js';

export const EDGE_STYLES = {
    upload: { color: '#2f7d32', width: 1.5, type: 'solid', curveness: 0 },
    featured: { color: '#c2410c', width: 3, type: 'dotted', curveness: 0.3 },
    credit: { color: '#1d4ed8', width: 1.5, type: 'dashed', curveness: -0.3 },
};
const SHAPES = { author: 'circle', video: 'roundRect' };
const NODE_COLOURS = { author: '#7c3aed', video: '#0f766e' };
// above these sizes, labels are left to hover and emphasis: hundreds of them would cover the drawing
const LABELLED_NODES = 80;
const LABELLED_EDGES = 150;

export class GraphChart {
    constructor(element, { onSelect, onCentre }) {
        this.element = element;
        this.chart = echarts.init(element, null, { renderer: 'canvas' });
        this.chart.on('click', (event) => event.dataType === 'node' && onSelect(event.data.id));
        this.chart.on('dblclick', (event) => event.dataType === 'node' && onCentre(event.data.id));
        // a hidden chart (the table view) is 0 x 0: it is laid out when it is shown again (refresh)
        new ResizeObserver(() => this.element.offsetWidth && this.chart.resize()).observe(element);
    }

    /**
     * Draws {nodes, edges} around {@code centre}, with {@code selected} highlighted. The force layout runs once; the
     * nodes then stay where it put them (layout 'none'), so that dragging one moves it alone: ECharts would run the
     * whole force simulation again on every drag event otherwise, which stalls the page at hundreds of nodes.
     */
    show(graph, centre, selected) {
        this.last = { graph, centre, selected };
        if (!this.element.offsetWidth) {
            this.stale = true;
            this.ids = null; // nothing of this graph is drawn yet
            return;
        }
        this.stale = false;
        this.ids = graph.nodes.map((node) => node.id);
        const many = graph.nodes.length > LABELLED_NODES;
        const nodes = graph.nodes.map((node) => ({
            id: node.id,
            name: node.label,
            type: node.type,
            symbol: SHAPES[node.type],
            symbolSize: node.id === centre ? 28 : many ? 10 : 16,
            itemStyle: { color: NODE_COLOURS[node.type], borderColor: '#fff', borderWidth: 1 },
            label: { show: !many || node.id === centre, position: 'right' },
        }));
        this.chart.setOption(option(graph, nodes, {
            layout: 'force',
            force: { repulsion: many ? 60 : 140, edgeLength: many ? [20, 60] : [80, 160], gravity: 0.08,
                layoutAnimation: false, friction: 0.2 },
        }), { notMerge: true });
        const laidOut = this.chart.getModel().getSeriesByIndex(0).getData();
        nodes.forEach((node, index) => {
            [node.x, node.y] = laidOut.getItemLayout(index);
        });
        this.chart.setOption(option(graph, nodes, { layout: 'none' }), { notMerge: true });
        this.highlight(selected);
    }

    /** Draws the last graph again if it came while the chart was hidden. */
    refresh() {
        this.chart.resize();
        if (this.stale && this.last) {
            this.show(this.last.graph, this.last.centre, this.last.selected);
        }
    }

    /** Marks {@code id} as the selected node, where the layout put it. */
    highlight(id) {
        if (this.last) {
            this.last.selected = id;
        }
        if (this.stale || !this.ids) {
            return;
        }
        this.chart.dispatchAction({ type: 'unselect', seriesIndex: 0, dataIndex: this.ids.map((_, index) => index) });
        if (this.ids.includes(id)) {
            this.chart.dispatchAction({ type: 'select', seriesIndex: 0, dataIndex: this.ids.indexOf(id) });
        }
    }

    clear() {
        this.last = null;
        this.ids = null;
        this.chart.clear();
    }

    /**
     * What is drawn, read back from the chart's model (ECharts' own graph of the series, an internal API kept for
     * the browser tests): the nodes with their place on the page, and the edges ECharts joined.
     */
    drawn() {
        const series = this.ids && this.chart.getModel().getSeriesByIndex(0);
        if (!series) {
            return { nodes: [], edges: [] };
        }
        const box = this.chart.getDom().getBoundingClientRect();
        const nodes = series.getGraph().nodes.map((node) => {
            const [x, y] = this.chart.convertToPixel({ seriesIndex: 0 }, node.getLayout());
            const item = node.getModel().option;
            return { id: node.id, type: item.type, label: item.name, x: box.left + x, y: box.top + y };
        });
        const edges = series.getGraph().edges.map((edge) => ({
            from: edge.node1.id, to: edge.node2.id, kind: edge.getModel().get('kind'),
            extraData: edge.getModel().get('extraData'),
        }));
        return { nodes, edges };
    }
}

function option(graph, nodes, layout) {
    const labelledEdges = graph.edges.length <= LABELLED_EDGES;
    return {
        animation: false,
        tooltip: { formatter: (item) => tooltip(item) },
        series: [{
            type: 'graph',
            ...layout,
            roam: true,
            draggable: true,
            edgeSymbol: ['none', 'arrow'],
            edgeSymbolSize: 6,
            emphasis: { focus: 'adjacency' },
            // selecting a node only restyles it: a new option would lay the graph out again
            selectedMode: 'single',
            select: { itemStyle: { borderColor: '#111', borderWidth: 3 }, label: { show: true } },
            data: nodes,
            links: graph.edges.map((edge) => ({
                source: edge.from,
                target: edge.to,
                kind: edge.kind,
                extraData: edge.extraData,
                // the three kinds can join the same two nodes: each bends its own way
                lineStyle: { ...EDGE_STYLES[edge.kind] },
                label: { show: labelledEdges && edge.kind === 'credit' && !!edge.extraData,
                    formatter: () => edge.extraData, fontSize: 10 },
            })),
        }],
    };
}

function tooltip(item) {
    const text = (value) => String(value).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    if (item.dataType === 'node') {
        return `${text(item.data.type)} ${text(item.data.name)}`;
    }
    const data = item.data.extraData ? ` (${text(item.data.extraData)})` : '';
    return `${text(item.data.kind)}${data}`;
}
