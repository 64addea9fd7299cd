// Draws the overview's charts from the data the page embeds (window.overviewCharts): the server has already named
// and computed everything, so this only turns each chart's series into an ECharts option.
(function () {
    'use strict';
    var palette = ['#b42318', '#1d4ed8', '#067647', '#b54708', '#6941c6', '#0e7490', '#667085'];

    function option(chart) {
        var axes = chart.axes.map(function (name, i) {
            return {type: 'value', name: name, position: i === 0 ? 'left' : 'right',
                    splitLine: {show: i === 0}, axisLabel: {hideOverlap: true}};
        });
        return {
            color: palette,
            title: {text: chart.title, left: 8, top: 4, textStyle: {fontSize: 14, fontWeight: 600}},
            tooltip: {trigger: 'axis'},
            legend: {type: 'scroll', bottom: 0},
            grid: {left: 64, right: axes.length > 1 ? 64 : 24, top: 56, bottom: 56},
            xAxis: {type: 'category', data: chart.periods},
            yAxis: axes,
            series: chart.series.map(function (s) {
                return {name: s.name, type: s.type, yAxisIndex: s.axis, stack: s.stack || undefined,
                        data: s.data, smooth: false, symbolSize: 6};
            })
        };
    }

    (window.overviewCharts || []).forEach(function (chart) {
        var element = document.getElementById(chart.id);
        if (element) {
            echarts.init(element).setOption(option(chart));
        }
    });
    window.addEventListener('resize', function () {
        (window.overviewCharts || []).forEach(function (chart) {
            var instance = echarts.getInstanceByDom(document.getElementById(chart.id));
            if (instance) {
                instance.resize();
            }
        });
    });
})();
