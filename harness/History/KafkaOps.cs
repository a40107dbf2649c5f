namespace Glomers.Harness.History;

/// <summary>
/// The kafka history shapes the checker reads (Maelstrom's, turned into JSON as Reports/Edn.cs does).
/// <list type="bullet">
/// <item>send: invoke <c>[["send","9",1]]</c>, ok <c>[["send","9",[0,1]]]</c> (offset, message); an info
/// or fail completion carries the invoked value.</item>
/// <item>poll: invoke <c>[["poll"]]</c>, ok <c>[["poll",{"9":[[0,1],[1,2]]}]]</c>.</item>
/// <item>txn: any mix of send and poll micro-ops (kafka.clj's transactional mode).</item>
/// <item>assign: value = the keys, <c>["3","7"]</c>; crash: value null, completed info.</item>
/// </list>
/// </summary>
public static class KafkaOps
{
    public const string Send = "send";
    public const string Poll = "poll";
    public const string Txn = "txn";
    public const string Assign = "assign";
    public const string Subscribe = "subscribe";
    public const string Crash = "crash";
}
