using Glomers.Harness.Reports;

namespace Glomers.Harness.Tests.History;

/// <summary>The one rule by which EDN values become JSON, for results.edn and history.edn alike.</summary>
public sealed class EdnValueTests
{
    [Theory]
    [InlineData("""[:send "9" 1]""", """["send","9",1]""")]
    [InlineData("""{"9" [[0 1] [1 2]], 5 nil, :x #{3}}""", """{"9":[[0,1],[1,2]],"5":null,"x":[3]}""")]
    [InlineData("""[[:w 7 1] [:r 7 nil]]""", """[["w",7,1],["r",7,null]]""")]
    [InlineData("""(0 [2 2])""", """[0,[2,2]]""")]
    [InlineData("""{0 0, 0.5 73, 1 130}""", """{"0":0,"0.5":73,"1":130}""")]
    [InlineData("""[-401 +3 12N 1.5 1/4 true false nil]""", """[-401,3,12,1.5,0.25,true,false,null]""")]
    [InlineData("""#jepsen.history.Op{:index 2, :f :add}""", """{"index":2,"f":"add"}""")]
    [InlineData("""[1 #_ 2 3]""", """[1,3]""")]
    [InlineData("""["a\"b\\c\nd" "\u00e9t\u00e9" "plain"]""", """["a\u0022b\\c\nd","\u00E9t\u00E9","plain"]""")]
    [InlineData("""{:final? true, :valid? :unknown}""", """{"final?":true,"valid?":"unknown"}""")]
    [InlineData("""[jepsen.history/op, -]""", """["jepsen.history/op","-"]""")]
    public void ValuesFollowTheHistoryConvention(string edn, string json)
    {
        Assert.Equal(json, Edn.ParseSingle(edn)?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("[1 }]")]
    [InlineData("{:a}")]
    [InlineData("[1 2")]
    [InlineData("\"open")]
    [InlineData("#")]
    [InlineData("1 2")]
    public void MalformedEdnIsAFormatError(string edn)
    {
        Assert.Throws<FormatException>(() => Edn.ParseSingle(edn));
    }
}
