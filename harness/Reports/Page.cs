namespace Glomers.Harness.Reports;

/// <summary>The styles and the one script that report.html and the pages of `glomers serve` share.</summary>
public static class Page
{
    public static string VerdictClass(string verdict) => verdict switch { "valid" => "valid", "INVALID" => "invalid", _ => "unknown" };

    public const string Css = """
        body{font:14px/1.4 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0 24px 40px;color:#222;background:#fff}
        h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:16px 0 6px}
        .verdict{display:inline-block;padding:1px 10px;border-radius:10px;font-size:14px;vertical-align:middle;color:#fff}
        .verdict.valid{background:#2a8a3e}.verdict.invalid{background:#c62828}.verdict.unknown{background:#b26a00}
        .dir{color:#666;margin:2px 0}.command{background:#f5f5f5;padding:6px 8px;white-space:pre-wrap;word-break:break-all}
        nav a{margin-right:12px}.problem{color:#c62828}
        table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
        table.figures th{font-weight:600;color:#444}table.history td,table.errors td{font-size:12px}
        tr.named{background:#fff6d8}tr:target{background:#ffe08a}
        td.ok{color:#1f77b4}td.fail{color:#d62728}td.info{color:#ff9900}
        .anomaly{border-left:4px solid #c62828;padding:2px 12px;margin:10px 0;background:#fdf5f5}
        svg{display:block;font-size:11px;font-family:inherit;max-width:100%;height:auto}svg .small{font-size:10px;fill:#555}
        svg .grid{stroke:#eee}svg .frame{fill:none;stroke:#999}svg .lane{stroke:#bbb}svg .lane-name{font-size:11px;font-weight:600}
        .flow-scroll{overflow:auto;max-height:900px;border:1px solid #ddd}.flow-scroll svg{max-width:none}
        .flow .msgs line{stroke-width:1.1;stroke-opacity:.8}.flow .msgs line:hover{stroke-width:3;stroke-opacity:1}.flow .dropped{stroke-dasharray:4 3}
        .flow-body{position:sticky;bottom:0;background:#f8f8f8;border:1px solid #ddd;padding:6px;margin:0;white-space:pre-wrap;word-break:break-all;max-height:8em;overflow:auto;font-size:12px}
        .timeline .op.ok{fill:#1f77b4}.timeline .op.fail{fill:#d62728}.timeline .op.info{fill:#ff9900}.timeline .op:hover{fill-opacity:.6}
        .legend{margin:4px 0}.key{margin-right:10px;white-space:nowrap}.key i{display:inline-block;width:12px;height:10px;margin-right:4px;vertical-align:middle}
        .key i.ok{background:#1f77b4}.key i.fail{background:#d62728}.key i.info{background:#ff9900}
        .runs td{font-size:13px}.runs tr:hover{background:#f4f8ff}.filters{margin:8px 0}.filters select,.filters button{margin-right:8px}
        .side{display:flex;gap:16px;align-items:flex-start}.side>div{flex:1;min-width:0}
        """;

    /// <summary>Shows the tooltip of the message under the pointer in the panel below the flow diagram.</summary>
    public const string FlowScript = """
        (function(){var p=document.getElementById('flow-body');if(!p)return;
        document.querySelectorAll('.flow .msgs line').forEach(function(l){l.addEventListener('mouseenter',function(){var t=l.querySelector('title');if(t)p.textContent=t.textContent;});});})();
        """;
}
