using KetamineContent.Api.Content;

namespace KetamineContent.Api.Seeding.Samples;

internal static class AnxietyArticle
{
    public static SampleArticle Create() => new(
        Guid.Parse("6b1f0c1e-0004-4000-8000-000000000004"),
        "ketamine-for-anxiety",
        "anxiety",
        ["ketamine", "social-anxiety"],
        new ArticleContent(
            "Ketamine for anxiety",
            "Anxiety brings constant worry and physical symptoms, and the usual treatments do not help everyone. " +
            "This article describes how ketamine is being explored for anxiety, what a course of sessions is " +
            "like, and why it is a support rather than a cure.",
            SampleArticle.Disclaimer,
            [
                new SectionContent(SectionKinds.Overview, "Understanding anxiety",
                    """
                    Anxiety shows up as ongoing worry, fear and nervousness, and in the body as sweating, a
                    racing heart or shaking. Left untreated, it can lead on to depression (see
                    [ketamine for depression](article:ketamine-for-depression-and-the-risk-of-dependence)).
                    """),
                new SectionContent(SectionKinds.Mechanism, "How it works",
                    """
                    Ketamine blocks the NMDA receptor, part of the glutamate system, and the resulting surge of
                    glutamate signalling supports new connections between neurons. More GABA release helps
                    restore the balance between excitatory and inhibitory signals, and effects on AMPA and sigma
                    receptors may add to its speed.
                    """),
                new SectionContent(SectionKinds.WhatToExpect, "What to expect",
                    """
                    Treatment usually consists of sessions spread over a few weeks to months. For anxiety,
                    ketamine may be given as tablets or as a nasal spray. Effects appear within minutes and last
                    up to about an hour, often with a dreamlike feeling.

                    Many people feel calmer and brighter afterwards, but the improvement tends to fade, so
                    ongoing treatment may be needed. Ketamine is not a cure: it works best combined with therapy
                    and changes in daily life.
                    """),
                new SectionContent(SectionKinds.Evidence, "What the research shows",
                    """
                    One study found a rapid reduction of symptoms in people with **social anxiety disorder**.[^taylor-2018]
                    More research is needed to know who benefits most and for how long.
                    """),
                new SectionContent(SectionKinds.Alternatives, "Other treatments",
                    """
                    - **Medication**: antidepressants and benzodiazepines are widely used, but they have side
                      effects of their own and do not work for everyone.
                    - **Talking therapies**: cognitive-behavioural therapy and exposure therapy are effective,
                      though they take time.
                    """),
                new SectionContent(SectionKinds.SideEffects, "Side effects and safety",
                    SampleArticle.CommonSideEffects),
            ],
            [
                // The study behind the evidence section: a real, checkable DOI (the publisher's page is its url).
                new ReferenceContent(
                    "taylor-2018",
                    "Ketamine for social anxiety disorder: a randomized, placebo-controlled crossover trial",
                    Url: "https://www.nature.com/articles/npp2017194",
                    Doi: "10.1038/npp.2017.194",
                    Authors: ["Taylor JH", "Landeros-Weisenberger A", "Coughlin C", "Mulqueen J", "Johnson JA", "Gabriel D", "Reed MO", "Jakubovski E", "Bloch MH"],
                    Journal: "Neuropsychopharmacology",
                    Year: 2018,
                    Volume: "43",
                    Issue: "2",
                    Pages: "325-333"),
            ])
        {
            Related = ["ketamine-for-depression-and-the-risk-of-dependence", "ketamine-and-compulsive-eating"],
        });
}
