using Glomers.Broadcast.Sync;
using Glomers.Broadcast.Values;

namespace Glomers.Broadcast.Tests.Sync;

public class DigestTests
{
    private static ValueSet Range(long lo, long hi) => ValueSet.FromRanges([new(lo, hi)]);

    [Fact]
    public void EqualSetsNeedNoRepair()
    {
        var digest = new Digest(Range(0, 99), ValueSet.Empty);

        Assert.True(digest.AnswerFrom(Range(0, 99), ValueSet.Empty).IsEmpty);
    }

    [Fact]
    public void AnswerGivesWhatThePeerLacksAndWantsWhatItHas()
    {
        var digest = new Digest(ValueSet.Of(0, 1, 2, 7, 8), ValueSet.Empty);

        var repair = digest.AnswerFrom(ValueSet.Of(0, 1, 2, 3, 4), ValueSet.Empty);

        Assert.Equal([3, 4], repair.Give.Values());
        Assert.Equal([7, 8], repair.Want.Values());
    }

    [Fact]
    public void RecentValuesOnEitherSideAreLeftToTheNormalPath()
    {
        // 3 only just reached me and 8 only just reached the peer: both are probably in flight.
        var digest = new Digest(ValueSet.Of(0, 7, 8), Recent: ValueSet.Of(8));

        var repair = digest.AnswerFrom(ValueSet.Of(0, 3, 4), myRecent: ValueSet.Of(3));

        Assert.Equal([4], repair.Give.Values());
        Assert.Equal([7], repair.Want.Values());
    }
}
