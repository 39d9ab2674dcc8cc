using KetamineContent.Api.Content;

namespace KetamineContent.Api.Seeding.Samples;

internal static class DepressionArticle
{
    public static SampleArticle Create() => new(
        Guid.Parse("6b1f0c1e-0003-4000-8000-000000000003"),
        "ketamine-for-depression-and-the-risk-of-dependence",
        "depression",
        ["ketamine", "treatment-resistant-depression", "dependence"],
        new ArticleContent(
            "Ketamine for depression, and the risk of dependence",
            "Ketamine can lift depression within hours instead of the weeks that classic antidepressants need, " +
            "which matters most in a severe episode or when other treatments have failed. This article covers " +
            "how it works, what treatment involves, and the risks of tolerance and dependence.",
            SampleArticle.Disclaimer,
            [
                new SectionContent(SectionKinds.Overview, "Why ketamine is used for depression",
                    """
                    Classic antidepressants can take weeks or months to help. Ketamine often works within hours,
                    and it helps some people whose depression has not responded to other treatments
                    (treatment-resistant depression). In a severe episode, that speed can make a real difference.
                    """),
                new SectionContent(SectionKinds.Mechanism, "How it works",
                    """
                    - **NMDA receptors**: ketamine blocks them, which ends in a surge of glutamate signalling.
                    - **GABA**: blocking NMDA is linked to more GABA release, helping balance excitation and
                      inhibition in the brain.
                    - **AMPA and sigma receptors**: effects here may add to its fast antidepressant action.
                    - **BDNF and neuroplasticity**: higher BDNF and mTOR activity support the growth of new
                      connections between neurons.

                    This is a different route from classic antidepressants, which target serotonin.
                    """),
                new SectionContent(SectionKinds.WhatToExpect, "What to expect",
                    """
                    Effects begin within minutes, and a session lasts up to about an hour, often with a
                    dreamlike state. Many people feel their mood improve quickly, but for many the benefit is
                    temporary, so treatment usually runs as a course over weeks to months, sometimes followed by
                    maintenance sessions. Some people respond after one or two sessions; others need several.
                    """),
                new SectionContent(SectionKinds.SideEffects, "Side effects",
                    SampleArticle.CommonSideEffects),
                new SectionContent(SectionKinds.Risks, "Tolerance and dependence",
                    """
                    - **Tolerance**: over time, higher doses may be needed for the same effect, which brings a
                      risk of mixing substances and of overdose.
                    - **Dependence**: prolonged or heavy use can lead to physical and psychological dependence.
                      How likely that is depends on how often and how much is used, the route of
                      administration, and personal predisposition.
                    - **Withdrawal** can bring anxiety, depression, trouble sleeping and cravings.
                    - The euphoric "high" is not a long-term answer to depression.

                    Used under clinical supervision, ketamine is not considered physically addictive, but
                    psychological reliance can develop when it is used without supervision. Its long-term
                    effects are still largely unknown.
                    """),
                new SectionContent(SectionKinds.Conclusion, "Getting help",
                    """
                    Support exists for people who misuse ketamine: therapy, support groups and
                    medication-assisted treatment (described in [ketamine for addiction](article:ketamine-for-addiction)).
                    Anyone worried about their use should speak to a clinician.
                    """),
            ],
            [])
        {
            Related = ["ketamine-for-anxiety", "ketamine-for-addiction"],
        });
}
