using CsCheck;

namespace Glomers.GCounter.Tests;

/// <summary>
/// The batcher against a plain model: a list of the adds made, a count of those acknowledged, and
/// the slot as seq-kv holds it, where a cas applies only from the value the slot holds. Whatever
/// the order of adds, attempts, late or lost cas and stale reads, after a start on a slot an earlier
/// life of the node wrote, the adds come back acknowledged once each, in order, and exactly when
/// the slot counts them.
/// </summary>
public sealed class AddBatcherPropertyTests
{
    private enum Step { Add, Attempt, Apply, Lose, ReadSlot, StaleRead }

    private static readonly Gen<(Step Step, long Delta, int Pick)[]> Steps =
        Gen.Select(Gen.Enum<Step>(), Gen.Long[0, 50], Gen.Int[0, 7]).Array[1, 60];

    // What the slot holds when this life starts: nothing, or what an earlier life wrote.
    private static readonly Gen<SlotValue> EarlierLife = Gen.Frequency(
        (1, (IGen<SlotValue>)Gen.Const(SlotValue.Missing)),
        (2, Gen.Select(Gen.Long[1, 5], Gen.Long[0, 50]).Select((version, sum) => new SlotValue(version, sum))));

    [Fact]
    public void AddsAreAcknowledgedOnceInOrderAndExactlyWhenTheSlotCountsThem() =>
        Gen.Select(EarlierLife, Steps).Sample((start, steps) =>
        {
            var batcher = new AddBatcher<int>(SlotValue.Missing);
            var adds = new List<long>();
            var acked = new List<int>();
            var slot = start;
            var history = new List<SlotValue> { SlotValue.Missing, slot };
            var inFlight = new List<CasAttempt>();
            var earlierLife = start.Sum;

            void Observe(SlotValue seen)
            {
                acked.AddRange(batcher.Observe(seen));
                // Acknowledged: a prefix of the adds, in order, each once.
                Assert.Equal(Enumerable.Range(0, acked.Count), acked);
                Assert.Equal(adds.Count - acked.Count, batcher.WaitingCount);
            }

            // The node learns its slot before it writes.
            Observe(slot);
            foreach (var (step, delta, pick) in steps)
            {
                switch (step)
                {
                    case Step.Add:
                        batcher.Add(adds.Count, delta);
                        adds.Add(delta);
                        break;
                    case Step.Attempt:
                        var attempt = batcher.NextAttempt();
                        Assert.Equal(batcher.Confirmed, attempt.From);
                        Assert.Equal(adds.Count - acked.Count, attempt.AddCount);
                        Assert.Equal(attempt.From.Sum + adds.Skip(acked.Count).Sum(), attempt.To.Sum);
                        // Every target is new: no value the slot ever held or any attempt aimed at.
                        Assert.DoesNotContain(attempt.To, history);
                        Assert.DoesNotContain(inFlight, a => a.To == attempt.To);
                        inFlight.Add(attempt);
                        break;
                    case Step.Apply or Step.Lose when inFlight.Count > 0:
                        var cas = inFlight[pick % inFlight.Count];
                        inFlight.Remove(cas);
                        if (step == Step.Lose) break;
                        if (cas.From == slot)
                        {
                            slot = cas.To;
                            history.Add(slot);
                            Observe(slot);
                        }
                        break;
                    case Step.ReadSlot:
                        Observe(slot);
                        // In step with the slot: it counts exactly the acknowledged adds, on top of what the earlier life wrote.
                        Assert.Equal(slot, batcher.Confirmed);
                        Assert.Equal(earlierLife + adds.Take(acked.Count).Sum(), slot.Sum);
                        break;
                    case Step.StaleRead:
                        Observe(history[pick % history.Count]);
                        break;
                }
            }
        }, iter: 5_000);
}
