"""Reads a kg export with a real Python reader and prints what it read, as JSON.

Usage: read_back.py networkx-gexf|networkx-graphml|igraph-graphml FILE

The exact read calls are the ones docs/exports.md gives users. Every attribute value is
printed as [python-type-name, value] so the caller can check types (int vs float) that
JSON alone would blur; NaN (igraph's missing number) is printed as null.
"""

import json
import math
import sys


def typed(value):
    name = type(value).__name__
    if isinstance(value, float) and math.isnan(value):
        return [name, None]
    if isinstance(value, tuple):
        return [name, [typed(v) for v in value]]
    if isinstance(value, list):
        return [name, [typed(v) for v in value]]
    if isinstance(value, dict):
        return [name, {k: typed(v) for k, v in value.items()}]
    return [name, value]


def attrs(data):
    return {str(k): typed(v) for k, v in data.items()}


def read_networkx(path, fmt):
    import networkx as nx

    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    multi = g.is_multigraph()
    edges = g.edges(keys=True, data=True) if multi else g.edges(data=True)
    out_edges = []
    for edge in edges:
        if multi:
            u, v, key, data = edge
        else:
            u, v, data = edge
            key = None
        out_edges.append({"source": u, "target": v, "key": key, "attrs": attrs(data)})
    return {
        "class": type(g).__name__,
        "directed": g.is_directed(),
        "graph": attrs(g.graph),
        "nodes": [{"id": n, "attrs": attrs(d)} for n, d in g.nodes(data=True)],
        "edges": out_edges,
    }


def read_igraph(path):
    import igraph as ig

    g = ig.Graph.Read_GraphML(path)
    ids = g.vs["id"] if g.vcount() else []
    return {
        "class": type(g).__name__,
        "directed": g.is_directed(),
        "graph": {k: typed(g[k]) for k in g.attributes()},
        "nodes": [{"id": v["id"], "attrs": attrs(v.attributes())} for v in g.vs],
        "edges": [
            {"source": ids[e.source], "target": ids[e.target], "key": e.index, "attrs": attrs(e.attributes())}
            for e in g.es
        ],
    }


def main():
    reader, path = sys.argv[1], sys.argv[2]
    if reader == "networkx-gexf":
        result = read_networkx(path, "gexf")
    elif reader == "networkx-graphml":
        result = read_networkx(path, "graphml")
    elif reader == "igraph-graphml":
        result = read_igraph(path)
    else:
        raise SystemExit(f"unknown reader {reader}")
    json.dump(result, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
