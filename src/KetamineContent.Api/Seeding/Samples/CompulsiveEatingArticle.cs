using KetamineContent.Api.Content;

namespace KetamineContent.Api.Seeding.Samples;

internal static class CompulsiveEatingArticle
{
    public static SampleArticle Create() => new(
        Guid.Parse("6b1f0c1e-0002-4000-8000-000000000002"),
        "ketamine-and-compulsive-eating",
        "addiction",
        ["ketamine", "compulsive-eating", "behavioural-addiction"],
        new ArticleContent(
            "Ketamine and compulsive eating",
            "Compulsive eating can be understood as a behavioural addiction. This article looks at why ketamine " +
            "is being explored as a way to help the brain reset harmful patterns, what people notice during " +
            "treatment, and why therapy remains at the centre of recovery.",
            SampleArticle.Disclaimer,
            [
                new SectionContent(SectionKinds.Overview, "Compulsive eating as a behavioural addiction",
                    """
                    Compulsive eating is often described as a behavioural addiction: a pattern that feels hard to
                    stop even when a person wants to. It frequently goes hand in hand with depression or anxiety.
                    """),
                new SectionContent(SectionKinds.Mechanism, "How ketamine may help the brain reset",
                    """
                    Ketamine blocks NMDA receptors, which leads to a surge of glutamate signalling (the same route
                    described in [ketamine for addiction](article:ketamine-for-addiction)). That surge
                    encourages neurons to build new connections and pathways. The idea is that these new routes
                    give the brain a chance to *reset* entrenched thoughts and behaviours, including those that
                    drive compulsive eating.

                    It also raises BDNF and activates the mTOR pathway, both linked to the growth of brain cells.
                    """),
                new SectionContent(SectionKinds.WhatToExpect, "What to expect during treatment",
                    """
                    Many people notice a change in how they feel during treatment, and in how they look at their
                    problems. That shift in perspective can make it easier to face compulsive patterns rather
                    than avoid them.

                    Because compulsive eating is so often tangled up with depression or anxiety, ketamine's fast
                    effect on mood may take some of that weight off and make it easier to engage with therapy
                    (see [ketamine for depression](article:ketamine-for-depression-and-the-risk-of-dependence) and
                    [ketamine for anxiety](article:ketamine-for-anxiety)).
                    Therapy is still essential: ketamine can open a window, but the work of recovery happens there.
                    """),
                new SectionContent(SectionKinds.SideEffects, "Side effects and safety",
                    SampleArticle.CommonSideEffects + """


                    Ketamine is a controlled substance (Schedule III in the United States) because it can be
                    misused. Given properly in a medical setting, it has a long record of safe use as an
                    anaesthetic.
                    """),
                new SectionContent(SectionKinds.Conclusion, "In summary",
                    """
                    Ketamine is an emerging option that may support people whose eating feels out of their
                    control, especially alongside depression or anxiety. It is best seen as a support for
                    therapy, given under medical supervision.
                    """),
            ],
            [])
        {
            Related = ["ketamine-for-addiction", "ketamine-for-depression-and-the-risk-of-dependence", "ketamine-for-anxiety"],
        });
}
