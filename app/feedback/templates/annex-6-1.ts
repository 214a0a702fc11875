import { type Template, TemplateSchema } from "../template.schema";

/**
 * Annex 6.1 of the ICMPD practical guidelines on survivor involvement (2022): feedback from adult
 * service users, adapted to self-completion. 7 sections with 12, 4, 7, 5, 9, 8 and 4 questions,
 * plus the closing question: 50 in all. Texts: `locales/<lang>/questionnaires.json`.
 */
export const annex61Template: Template = TemplateSchema.parse({
  id: "service_user_feedback",
  version: 1,
  sections: [
    {
      id: "first_contact",
      questions: [
        { id: "first_contact_what_told", kind: "free_text" },
        { id: "first_contact_rights_explained", kind: "choice_with_comment", options: "yes_no" },
        {
          id: "first_contact_reflection_period_informed",
          kind: "choice_with_comment",
          options: "yes_no",
        },
        { id: "first_contact_easy_to_talk", kind: "choice_with_comment", options: "yes_no" },
        { id: "first_contact_understood", kind: "choice_with_comment", options: "yes_no" },
        { id: "first_contact_referred_quickly", kind: "choice_with_comment", options: "yes_no" },
        { id: "first_contact_first_conversation", kind: "free_text" },
        { id: "first_contact_police", kind: "choice_with_comment", options: "yes_no" },
        { id: "first_contact_needs_discussed", kind: "choice_with_comment", options: "yes_no" },
        {
          id: "first_contact_able_to_say_everything",
          kind: "choice_with_comment",
          options: "yes_no",
        },
        { id: "first_contact_what_else_helped", kind: "free_text" },
        { id: "first_contact_unsaid", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
    {
      id: "referral",
      questions: [
        { id: "referral_information_given", kind: "free_text" },
        { id: "referral_consent_signed", kind: "choice_with_comment", options: "yes_no" },
        { id: "referral_already_informed", kind: "choice_with_comment", options: "yes_no" },
        { id: "referral_accompanied", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
    {
      id: "accommodation_support",
      questions: [
        { id: "accommodation_shelter", kind: "choice_with_comment", options: "yes_no" },
        { id: "accommodation_doctor", kind: "choice_with_comment", options: "yes_no" },
        {
          id: "accommodation_humanitarian_aid",
          kind: "multiple_choice",
          choices: ["money", "clothes", "food", "hygiene_items", "other", "none"],
        },
        { id: "accommodation_psychologist_meetings", kind: "single_choice", options: "count" },
        {
          id: "accommodation_team_roles",
          kind: "multiple_choice",
          choices: [
            "social_worker",
            "doctor_or_nurse",
            "lawyer",
            "educator",
            "case_manager",
            "other",
            "did_not_meet",
            "do_not_remember",
          ],
        },
        { id: "accommodation_support_duration", kind: "single_choice", options: "duration" },
        { id: "accommodation_most_valuable_support", kind: "free_text" },
      ],
    },
    {
      id: "reflection_legal",
      questions: [
        { id: "reflection_period_explained", kind: "choice_with_comment", options: "yes_no" },
        { id: "reflection_lawyer_talked", kind: "choice_with_comment", options: "yes_no" },
        { id: "reflection_anything_unclear", kind: "choice_with_comment", options: "yes_no" },
        { id: "reflection_protection_measures", kind: "choice_with_comment", options: "yes_no" },
        { id: "reflection_psychologist_talked", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
    {
      id: "return_reintegration",
      questions: [
        {
          id: "return_specialists",
          kind: "multiple_choice",
          choices: [
            "psychologist",
            "social_worker",
            "doctor",
            "lawyer",
            "employment_adviser",
            "case_manager",
            "other",
            "none",
          ],
        },
        { id: "return_psychologist_met", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_family_psychologist", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_reintegration_plan", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_working_now", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_insurance_restored", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_followup_contact", kind: "choice_with_comment", options: "yes_no" },
        { id: "return_contact_duration", kind: "single_choice", options: "duration" },
        { id: "return_work_search_different", kind: "free_text" },
      ],
    },
    {
      id: "criminal_proceedings",
      questions: [
        { id: "criminal_case_against_trafficker", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_role_explained", kind: "free_text" },
        { id: "criminal_contact_kept", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_trafficker_convicted", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_safe_in_court", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_understood_everything", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_someone_to_ask", kind: "choice_with_comment", options: "yes_no" },
        { id: "criminal_court_change", kind: "free_text" },
      ],
    },
    {
      id: "compensation",
      questions: [
        { id: "compensation_informed", kind: "choice_with_comment", options: "yes_no" },
        { id: "compensation_intend_to_claim", kind: "choice_with_comment", options: "yes_no" },
        { id: "compensation_someone_helping", kind: "choice_with_comment", options: "yes_no" },
        { id: "compensation_received", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
  ],
  closing: { id: "closing_anything_else", kind: "free_text" },
});
