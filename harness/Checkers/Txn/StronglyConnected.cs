namespace Glomers.Harness.Checkers.Txn;

/// <summary>
/// Tarjan's strongly connected components, iterative (an explicit stack, so no recursion depth
/// limit on long chains). The graph is given as a vertex count and a successor function.
/// </summary>
public static class StronglyConnected
{
    /// <summary>The components with more than one vertex, each sorted; listed by their smallest vertex.</summary>
    public static List<int[]> Components(int vertexCount, Action<int, List<int>> successors, IEnumerable<int>? vertices = null)
    {
        var index = new int[vertexCount];
        var low = new int[vertexCount];
        var onStack = new bool[vertexCount];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var frames = new Stack<(int V, List<int> Next, int I)>();
        var components = new List<int[]>();
        var counter = 0;

        foreach (var root in vertices ?? Enumerable.Range(0, vertexCount))
        {
            if (index[root] >= 0) continue;
            Enter(root);
            while (frames.Count > 0)
            {
                var (v, next, i) = frames.Pop();
                if (i < next.Count)
                {
                    frames.Push((v, next, i + 1));
                    var w = next[i];
                    if (index[w] < 0) Enter(w);
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (frames.Count > 0)
                {
                    var parent = frames.Peek().V;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
                if (low[v] != index[v]) continue;
                var component = new List<int>();
                int x;
                do
                {
                    x = stack.Pop();
                    onStack[x] = false;
                    component.Add(x);
                } while (x != v);
                if (component.Count > 1)
                {
                    component.Sort();
                    components.Add([.. component]);
                }
            }
        }
        components.Sort((a, b) => a[0].CompareTo(b[0]));
        return components;

        void Enter(int v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            var next = new List<int>();
            successors(v, next);
            frames.Push((v, next, 0));
        }
    }
}
