package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import java.util.List;
import java.util.Locale;

/**
 * report.html: one self-contained page (no external scripts), the chart drawn on a canvas, drag to zoom
 * into a time range, double-click to zoom out, and the summary table.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(BacktestResult r) {
        return render(r, List.of());
    }

    /** @param marks events and detected trends, drawn as labelled vertical lines */
    static String render(BacktestResult r, List<ChartMarkers> marks) {
        ChartData d = ChartData.of(r, 20_000);
        StringBuilder rows = new StringBuilder();
        r.policies().forEach((name, s) -> rows.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%.3f%%</td><td>%.3f%%</td><td>%.1f</td><td>%.3f</td></tr>%n", name,
                100 * s.underProvisionedFraction(), 100 * s.unservedDemandFraction(), s.capacityUnitHours(),
                s.costVsOracle())));
        String data = "{\"t\":" + longs(d.time()) + ",\"demand\":" + doubles(d.demand()) + ",\"predicted\":"
                + doubles(d.predicted()) + ",\"lower\":" + doubles(d.lower()) + ",\"upper\":" + doubles(d.upper())
                + ",\"reactive\":" + doubles(d.reactive()) + ",\"predictive\":" + doubles(d.predictive())
                + ",\"oracle\":" + doubles(d.oracle()) + ",\"marks\":" + ChartMarkers.json(marks) + "}";
        return TEMPLATE
                .replace("%TITLE%", escape(r.trace().name()))
                .replace("%META%", escape(String.format(Locale.ROOT,
                        "%d intervals of %s from %s; unit %.4g; target utilization %.2f; warm-up %s; floors sized %s",
                        r.trace().size(), r.trace().step(), r.trace().start(), r.config().unit(),
                        r.config().targetUtilization(), r.config().warmup(), Reports.shares(r))))
                .replace("%ROWS%", rows.toString())
                .replace("%NOTES%", escape(String.join("; ", r.trace().problems())))
                .replace("%DATA%", data);
    }

    private static String longs(long[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    private static String doubles(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(Double.isNaN(v[i]) ? "null" : String.format(Locale.ROOT, "%.4g", v[i]));
        }
        return b.append(']').toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String TEMPLATE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Backtest: %TITLE%</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:24px;color:#222}
            table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}
            td:first-child,th:first-child{text-align:left}#chart{width:100%;height:520px;border:1px solid #ddd;cursor:crosshair}
            .legend span{margin-right:16px}.sw{display:inline-block;width:18px;height:4px;vertical-align:middle;margin-right:4px}
            small{color:#666}
            </style></head><body>
            <h1>Backtest: %TITLE%</h1>
            <p><small>%META%</small></p>
            <table><tr><th>policy</th><th>under-provisioned intervals</th><th>unserved demand</th><th>capacity-unit-hours</th><th>cost vs oracle</th></tr>
            %ROWS%</table>
            <p class="legend">
            <span><i class="sw" style="background:#5a5a5a"></i>demand</span>
            <span><i class="sw" style="background:#bcd0f0"></i>P10-P90 prediction</span>
            <span><i class="sw" style="background:#3060c0"></i>predicted</span>
            <span><i class="sw" style="background:#e6781e"></i>reactive capacity</span>
            <span><i class="sw" style="background:#1e963c"></i>predictive capacity</span>
            <span><i class="sw" style="background:#000"></i>oracle capacity</span>
            <span><i class="sw" style="background:#8040a0"></i>event start</span>
            <span><i class="sw" style="background:#d02060"></i>trend detected</span>
            <small>capacity is drawn as the load it serves (units x unit). Drag to zoom, double-click to zoom out.</small></p>
            <canvas id="chart"></canvas>
            <p><small>Notes on the trace: %NOTES%</small></p>
            <script>
            const D=%DATA%;
            const c=document.getElementById('chart'),g=c.getContext('2d');
            let lo=0,hi=D.t.length-1,drag=null;
            function size(){c.width=c.clientWidth*devicePixelRatio;c.height=c.clientHeight*devicePixelRatio;}
            function draw(){
              size();const W=c.width,H=c.height,P=50*devicePixelRatio;g.clearRect(0,0,W,H);
              let ymax=0;for(let i=lo;i<=hi;i++)for(const k of ['demand','upper','reactive','predictive','oracle'])if(D[k][i]!=null&&D[k][i]>ymax)ymax=D[k][i];
              ymax=ymax*1.05||1;const t0=D.t[lo],t1=D.t[hi]||t0+1;
              const X=t=>P+(t-t0)/(t1-t0||1)*(W-2*P),Y=v=>H-P-v/ymax*(H-2*P);
              g.strokeStyle='#eee';g.fillStyle='#666';g.font=(11*devicePixelRatio)+'px sans-serif';
              for(let k=0;k<=5;k++){const v=ymax*k/5,y=Y(v);g.beginPath();g.moveTo(P,y);g.lineTo(W-P,y);g.stroke();g.fillText(v.toPrecision(3),4,y);}
              for(let k=0;k<=6;k++){const t=t0+(t1-t0)*k/6;g.fillText(new Date(t).toISOString().slice(0,16).replace('T',' '),X(t)-40*devicePixelRatio,H-P/3);}
              g.fillStyle='rgba(150,180,230,0.45)';g.beginPath();let open=false;
              for(let i=lo;i<=hi;i++){if(D.upper[i]==null)continue;const x=X(D.t[i]);open?g.lineTo(x,Y(D.upper[i])):g.moveTo(x,Y(D.upper[i]));open=true;}
              for(let i=hi;i>=lo;i--){if(D.lower[i]==null)continue;g.lineTo(X(D.t[i]),Y(D.lower[i]));}
              if(open)g.fill();
              const line=(k,col,w,dash)=>{g.strokeStyle=col;g.lineWidth=w*devicePixelRatio;g.setLineDash(dash||[]);g.beginPath();let on=false;
                for(let i=lo;i<=hi;i++){const v=D[k][i];if(v==null){on=false;continue;}const x=X(D.t[i]),y=Y(v);on?g.lineTo(x,y):g.moveTo(x,y);on=true;}g.stroke();g.setLineDash([]);};
              line('demand','#5a5a5a',1.2);line('predicted','#3060c0',1,[4,3]);line('oracle','#000',0.8);
              line('reactive','#e6781e',1.3);line('predictive','#1e963c',1.6);
              for(const m of D.marks){if(m.t<t0||m.t>t1)continue;const x=X(m.t);g.strokeStyle=m.kind=='event'?'#8040a0':'#d02060';
                g.setLineDash([2,3]);g.beginPath();g.moveTo(x,P);g.lineTo(x,H-P);g.stroke();g.setLineDash([]);g.fillStyle=g.strokeStyle;
                g.fillText((m.kind=='event'?'event ':'trend ')+m.label.slice(0,40),x+3,P+12*devicePixelRatio);}
              if(drag&&drag.x1!=null){g.fillStyle='rgba(0,0,0,0.08)';g.fillRect(Math.min(drag.x0,drag.x1),0,Math.abs(drag.x1-drag.x0),H);}
            }
            function idx(px){const P=50*devicePixelRatio,W=c.width,f=(px*devicePixelRatio-P)/(W-2*P);return Math.max(lo,Math.min(hi,Math.round(lo+f*(hi-lo))));}
            c.onmousedown=e=>{drag={x0:e.offsetX*devicePixelRatio,i0:idx(e.offsetX)};};
            c.onmousemove=e=>{if(drag){drag.x1=e.offsetX*devicePixelRatio;draw();}};
            c.onmouseup=e=>{if(drag){const i1=idx(e.offsetX);if(Math.abs(i1-drag.i0)>2){lo=Math.min(drag.i0,i1);hi=Math.max(drag.i0,i1);}drag=null;draw();}};
            c.ondblclick=()=>{lo=0;hi=D.t.length-1;draw();};
            window.onresize=draw;draw();
            </script></body></html>
            """;
}
