/*
 * The study page's charts (console/study.xhtml), drawn with Apache ECharts from the JSON the page carries in
 * <script type="application/json"> elements (written by StudyView, so the browser never calls the REST API).
 * Each chart container gets data-rendered="true" once drawn, which the browser tests wait for.
 */
(function () {
    'use strict';

    var charts = [];

    function data(id) {
        var element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    function draw(containerId, option) {
        var container = document.getElementById(containerId);
        if (!container) {
            return;
        }
        var chart = echarts.init(container);
        option.animation = false;
        chart.setOption(option);
        charts.push(chart);
        container.setAttribute('data-rendered', 'true');
    }

    function historyOption(history) {
        if (history.multiObjective) {
            return {
                tooltip: {trigger: 'item', formatter: function (p) {
                    return 'Trial ' + p.value[2] + '<br/>' + p.value[0] + ', ' + p.value[1];
                }},
                legend: {data: ['Trials', 'Pareto front']},
                grid: {left: 70, right: 30, top: 40, bottom: 50},
                xAxis: {type: 'value', name: history.x, nameLocation: 'middle', nameGap: 28, scale: true},
                yAxis: {type: 'value', name: history.y, scale: true},
                series: [
                    {name: 'Trials', type: 'scatter', data: history.points, symbolSize: 7, itemStyle: {color: '#8aa4c8'}},
                    {name: 'Pareto front', type: 'scatter', data: history.front, symbolSize: 9, itemStyle: {color: '#d62728'}}
                ]
            };
        }
        return {
            tooltip: {trigger: 'item', formatter: function (p) {
                return 'Trial ' + p.value[0] + '<br/>' + p.seriesName + ': ' + p.value[1];
            }},
            legend: {data: ['Objective value', 'Best value']},
            grid: {left: 70, right: 30, top: 40, bottom: 50},
            xAxis: {type: 'value', name: 'Trial', nameLocation: 'middle', nameGap: 28, minInterval: 1},
            yAxis: {type: 'value', name: history.objective, scale: true},
            series: [
                {name: 'Objective value', type: 'scatter', data: history.points, symbolSize: 7, itemStyle: {color: '#1f77b4'}},
                {name: 'Best value', type: 'line', step: 'end', data: history.best, showSymbol: false,
                    lineStyle: {color: '#d62728', width: 2}, itemStyle: {color: '#d62728'}}
            ]
        };
    }

    function parallelOption(parallel) {
        var objective = parallel.axes.length - 1;
        var values = parallel.rows.map(function (row) { return row[objective]; });
        var low = values.length ? Math.min.apply(null, values) : 0;
        var high = values.length ? Math.max.apply(null, values) : 1;
        if (low === high) {
            high = low + 1;
        }
        return {
            parallel: {left: 60, right: 110, top: 50, bottom: 30},
            parallelAxis: parallel.axes.map(function (axis, index) {
                var spec = {dim: index, name: axis.name, type: axis.type};
                if (axis.type === 'category') {
                    spec.data = axis.data;
                } else {
                    spec.scale = true;
                }
                return spec;
            }),
            visualMap: {
                type: 'continuous', dimension: objective, min: low, max: high, right: 10, top: 'middle',
                itemHeight: 160, precision: 3, calculable: true,
                inRange: {color: ['#2c7bb6', '#abd9e9', '#fdae61', '#d7191c']}
            },
            series: [{type: 'parallel', data: parallel.rows, lineStyle: {width: 1.5, opacity: 0.7}}]
        };
    }

    function importanceOption(importance) {
        // largest on top: a category axis lists its first entry at the bottom
        var names = importance.names.slice().reverse();
        var values = importance.values.slice().reverse();
        return {
            tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
            grid: {left: 20, right: 60, top: 30, bottom: 30, containLabel: true},
            xAxis: {type: 'value', name: 'Importance for ' + importance.objective, nameLocation: 'middle', nameGap: 24},
            yAxis: {type: 'category', data: names},
            series: [{type: 'bar', data: values, itemStyle: {color: '#1f77b4'},
                label: {show: true, position: 'right', formatter: function (p) { return p.value.toFixed(3); }}}]
        };
    }

    var history = data('history-data');
    if (history) {
        draw('history-chart', historyOption(history));
    }
    var parallel = data('parallel-data');
    if (parallel) {
        draw('parallel-chart', parallelOption(parallel));
    }
    var importance = data('importance-data');
    if (importance) {
        draw('importance-chart', importanceOption(importance));
    }
    window.addEventListener('resize', function () {
        charts.forEach(function (chart) { chart.resize(); });
    });
}());
