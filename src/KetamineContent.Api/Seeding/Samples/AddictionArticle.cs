using KetamineContent.Api.Content;

namespace KetamineContent.Api.Seeding.Samples;

internal static class AddictionArticle
{
    public static SampleArticle Create() => new(
        Guid.Parse("6b1f0c1e-0001-4000-8000-000000000001"),
        "ketamine-for-addiction",
        "addiction",
        ["ketamine", "alcohol-use-disorder", "opioid-use-disorder"],
        new ArticleContent(
            "Ketamine for addiction",
            "Ketamine, an anaesthetic with a long medical history, is being studied as a way to ease cravings " +
            "and withdrawal and to help people step out of the cycle of addiction. This article explains how it " +
            "is thought to work, what a course of treatment looks like, and how it fits beside established treatments.",
            SampleArticle.Disclaimer,
            [
                new SectionContent(SectionKinds.Overview, "Understanding ketamine",
                    """
                    Ketamine has been used as a dissociative anaesthetic in hospitals and clinics for decades.
                    More recently, researchers have looked at lower doses as a treatment for mental-health
                    conditions, including substance use disorders.
                    """),
                new SectionContent(SectionKinds.Mechanism, "How it works",
                    """
                    Ketamine blocks the **NMDA receptor**, one of the receptors for the messenger glutamate. The
                    overall result is a burst of glutamate signalling that encourages neurons to form new
                    connections, a property known as *neuroplasticity*.

                    Glutamate also plays a part in the brain's reward and reinforcement pathways, which are
                    thrown off balance in addiction. By raising brain-derived neurotrophic factor (BDNF) and
                    switching on the mTOR pathway, which governs the growth and survival of brain cells,
                    ketamine may help the brain loosen deeply worn patterns of behaviour.

                    Unlike classic antidepressants, which act mainly on serotonin, ketamine works through the
                    glutamate system. Its effects on AMPA and sigma receptors may add to how quickly it acts.
                    """),
                new SectionContent(SectionKinds.WhatToExpect, "What to expect",
                    """
                    People describe fewer cravings and milder withdrawal symptoms. Treatment may also lift
                    motivation and soften the low moods that often come before a relapse, which can make it
                    easier to break the cycle.

                    Effects start within minutes and a session usually lasts up to about an hour, often with a
                    dreamlike, detached feeling. A course typically runs over weeks to months, sometimes with
                    maintenance sessions. Some people respond after one or two sessions; others need several.
                    Ketamine may be given as an infusion into a vein in a clinic, as a nasal spray, or as
                    tablets or lozenges.
                    """),
                new SectionContent(SectionKinds.Evidence, "What the studies suggest",
                    """
                    Research so far points mainly to **alcohol use disorder** and **opioid use disorder** as the
                    areas where ketamine may help. The evidence is still developing, and results vary from
                    person to person. Compulsive eating, seen as a behavioural addiction, is explored in
                    [ketamine and compulsive eating](article:ketamine-and-compulsive-eating).
                    """),
                new SectionContent(SectionKinds.Alternatives, "Other treatments",
                    """
                    - **Medication-assisted treatment**: in opioid addiction, methadone and buprenorphine lower
                      cravings and withdrawal symptoms.
                    - **Behavioural therapies**: cognitive-behavioural therapy and motivational interviewing help
                      people build skills for coping without the substance.
                    """),
                new SectionContent(SectionKinds.SideEffects, "Side effects and safety",
                    SampleArticle.CommonSideEffects + """


                    Ketamine for addiction works best as one part of a wider plan made with a mental-health
                    professional, not as a treatment on its own. Tolerance and dependence are covered in
                    [ketamine for depression, and the risk of dependence](article:ketamine-for-depression-and-the-risk-of-dependence).
                    """),
            ],
            [])
        {
            Related = ["ketamine-and-compulsive-eating", "ketamine-for-depression-and-the-risk-of-dependence"],
        });
}
