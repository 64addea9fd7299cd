// Draws the overview's charts from the data the page embeds (window.overviewCharts): the server has already named
// and computed everything, so this only turns each chart's series into an ECharts option.
(function () {
    'use strict';
    var palette = ['#b42318', '#1d4ed8', '#067647', '#b54708', '#6941c6', '#0e7490', '#667085'];
    var chinese = (document.documentElement.lang || '').indexOf('zh') === 0;

    // Axis labels short enough to read: yuan in 万 and 亿 for Chinese readers, K, M and B otherwise.
    function compact(value) {
        var size = Math.abs(value);
        if (chinese) {
            if (size >= 1e8) { return +(value / 1e8).toFixed(2) + '亿'; }
            if (size >= 1e4) { return +(value / 1e4).toFixed(1) + '万'; }
        } else {
            if (size >= 1e9) { return +(value / 1e9).toFixed(2) + 'B'; }
            if (size >= 1e6) { return +(value / 1e6).toFixed(1) + 'M'; }
            if (size >= 1e4) { return +(value / 1e3).toFixed(0) + 'K'; }
        }
        return value.toLocaleString();
    }

    function option(chart) {
        var axes = chart.axes.map(function (name, i) {
            return {type: 'value', name: name, position: i === 0 ? 'left' : 'right',
                    splitLine: {show: i === 0}, axisLabel: {hideOverlap: true, formatter: compact}};
        });
        return {
            color: palette,
            title: {text: chart.title, left: 8, top: 4, textStyle: {fontSize: 14, fontWeight: 600}},
            tooltip: {trigger: 'axis'},
            legend: {type: 'scroll', bottom: 0},
            grid: {left: 16, right: 16, top: 64, bottom: 48, containLabel: true},
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
