import { type Template, TemplateSchema } from "../template.schema";

/**
 * Short feedback (about 10 minutes) on recovery and reintegration services, built on the NEXUS /
 * Different & Equal guide on mentoring trafficking victims: the 11 service types, the three
 * stages of recovery and reintegration, the five outcomes of successful reintegration, support
 * for survivors' children and the four stages of a mentoring relationship.
 * Texts: `locales/<lang>/questionnaires.json`.
 */
export const reintegrationTemplate: Template = TemplateSchema.parse({
  id: "reintegration_services",
  version: 1,
  sections: [
    {
      id: "services_received",
      questions: [
        {
          id: "services_received_list",
          kind: "multiple_choice",
          choices: [
            "housing",
            "medical",
            "psychological",
            "education_training",
            "economic_empowerment",
            "administrative",
            "legal",
            "safety",
            "family_support",
            "case_management",
            "return",
          ],
        },
        { id: "services_usefulness_housing", kind: "single_choice", options: "usefulness" },
        { id: "services_usefulness_health", kind: "single_choice", options: "usefulness" },
        { id: "services_usefulness_education_work", kind: "single_choice", options: "usefulness" },
        { id: "services_usefulness_legal_documents", kind: "single_choice", options: "usefulness" },
        { id: "services_missing", kind: "free_text" },
      ],
    },
    {
      id: "recovery_stage",
      questions: [
        {
          id: "recovery_stage_now",
          kind: "single_choice",
          options: ["crisis", "transition", "reintegration_inclusion"],
        },
      ],
    },
    {
      id: "outcomes",
      questions: [
        { id: "outcomes_safe_home", kind: "choice_with_comment", options: "yes_no" },
        { id: "outcomes_living_standard", kind: "choice_with_comment", options: "yes_no" },
        { id: "outcomes_wellbeing", kind: "choice_with_comment", options: "yes_no" },
        { id: "outcomes_development", kind: "choice_with_comment", options: "yes_no" },
        { id: "outcomes_social_support", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
    {
      id: "children",
      questions: [
        {
          id: "children_support_received",
          kind: "multiple_choice",
          choices: [
            "school",
            "childcare",
            "health_care",
            "psychological_support",
            "activities",
            "material_help",
            "other",
            "none",
          ],
        },
        { id: "children_support_needed", kind: "free_text" },
      ],
    },
    {
      id: "mentoring",
      questions: [
        { id: "mentoring_had_mentor", kind: "single_choice", options: "yes_no" },
        { id: "mentoring_building_relationship", kind: "choice_with_comment", options: "yes_no" },
        { id: "mentoring_setting_goals", kind: "choice_with_comment", options: "yes_no" },
        { id: "mentoring_working_towards_goals", kind: "choice_with_comment", options: "yes_no" },
        { id: "mentoring_ending_and_planning", kind: "choice_with_comment", options: "yes_no" },
      ],
    },
  ],
  closing: { id: "closing_anything_else", kind: "free_text" },
});
