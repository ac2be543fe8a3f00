type Name = { name: string };
type Count = { count: number };

/** English messages for the analysis codebook page (issue 11); merged into `en` (see en.ts). */
export const enCodebook = {
  'codebook.title': 'Codebook',
  'codebook.intro':
    'Tags in up to five levels: theme, sub-theme, code and two levels more. Moving, merging or archiving a tag never removes a coding.',
  'codebook.treeLabel': 'The codebook’s tags',
  'codebook.empty': 'The codebook has no tags yet. Start by adding a theme.',
  'codebook.showArchived': 'Show archived tags',
  'codebook.addTheme': 'Add theme',
  'codebook.addChild': 'Add sub-tag',
  'codebook.addChildTo': (p: Name) => `Add a sub-tag under “${p.name}”`,
  'codebook.level': (p: { depth: number }) =>
    p.depth === 1 ? 'Theme' : p.depth === 2 ? 'Sub-theme' : p.depth === 3 ? 'Code' : `Level ${p.depth}`,
  'codebook.codings': (p: Count) => (p.count === 1 ? '1 coding' : `${p.count} codings`),
  'codebook.proposed': (p: Count) => (p.count === 1 ? '1 proposed' : `${p.count} proposed`),
  'codebook.scenario': (p: { scenario: string }) => `Scenario: ${p.scenario}`,
  'codebook.archived': 'Archived',
  'codebook.mergedInto': (p: Name) => `Merged into “${p.name}”`,
  'codebook.mergedIntoGone': 'Merged into another tag',
  'codebook.details': 'Definition and notes',
  'codebook.noDetails': 'No definition yet.',

  // The tag form
  'codebook.form.addTheme': 'Add a theme',
  'codebook.form.addUnder': (p: Name) => `Add a sub-tag under “${p.name}”`,
  'codebook.form.edit': (p: Name) => `Edit “${p.name}”`,
  'codebook.form.name': 'Name',
  'codebook.form.definition': 'Definition',
  'codebook.form.definitionHint': 'What the tag means, in a sentence or two.',
  'codebook.form.includeNote': 'Include',
  'codebook.form.includeHint': 'What belongs under this tag.',
  'codebook.form.excludeNote': 'Exclude',
  'codebook.form.excludeHint': 'What does not belong here, and where it goes instead.',
  'codebook.form.example': 'Example',
  'codebook.form.exampleHint': 'A typical quote from the input.',
  'codebook.form.scenario': 'Scenario',
  'codebook.form.noScenario': 'No scenario',
  'codebook.form.saveNew': 'Add tag',
  'codebook.form.save': 'Save tag',
  'codebook.form.nothingChanged': 'Nothing has been changed.',

  // Results, announced
  'codebook.created': (p: Name) => `The tag “${p.name}” has been added.`,
  'codebook.saved': (p: Name) => `The tag “${p.name}” has been saved.`,
  'codebook.movedUnder': (p: { name: string; parent: string }) => `“${p.name}” has been moved under “${p.parent}”.`,
  'codebook.movedTop': (p: Name) => `“${p.name}” is now a theme.`,
  'codebook.movedPlace': (p: { name: string; position: number; count: number }) =>
    `“${p.name}” has been moved to place ${p.position} of ${p.count}.`,
  'codebook.archivedDone': (p: Name) => `“${p.name}” and its sub-tags have been archived. Their codings are kept.`,
  'codebook.unarchivedDone': (p: Name) => `“${p.name}” and its sub-tags have been restored.`,
  'codebook.mergedDone': (p: { name: string; into: string; count: number }) =>
    `“${p.name}” has been merged into “${p.into}”: ${p.count === 1 ? '1 coding' : `${p.count} codings`} moved, none lost.`,
  'codebook.stale':
    'Someone else changed this tag while you were working. The codebook has been reloaded with their change; make your change again.',

  // Actions
  'codebook.edit': 'Edit',
  'codebook.move': 'Move',
  'codebook.moveUp': (p: Name) => `Move “${p.name}” up`,
  'codebook.moveDown': (p: Name) => `Move “${p.name}” down`,
  'codebook.archive': 'Archive',
  'codebook.unarchive': 'Restore',
  'codebook.merge': 'Merge',

  // Move
  'codebook.moveHeading': (p: Name) => `Move “${p.name}”`,
  'codebook.moveParent': 'New place',
  'codebook.moveParentHint': 'The tag moves with its sub-tags and codings. It goes last under its new parent.',
  'codebook.moveTop': 'Top level (as a theme)',
  'codebook.moveChoose': 'Choose a place',
  'codebook.moveNowhere': 'There is no other place this tag can go without passing five levels.',
  'codebook.moveSubmit': 'Move tag',

  // Merge
  'codebook.mergeHeading': (p: Name) => `Merge “${p.name}” into another tag`,
  'codebook.mergeInto': 'Merge into',
  'codebook.mergeChoose': 'Choose a tag',
  'codebook.mergeExplain': (p: { name: string; count: number }) =>
    `${p.count === 0 ? `“${p.name}” has no codings yet.` : `${p.count === 1 ? 'Its one coding moves' : `All ${p.count} codings with “${p.name}” move`} to the tag you choose.`} Any sub-tags move there too. No coding is lost, and the history is kept. “${p.name}” is then archived and shows which tag it was merged into.`,
  'codebook.mergeNowhere': 'There is no other tag to merge into.',
  'codebook.mergeSubmit': 'Merge tags',

  // Reasons the server gives
  'codebook.reason.too_deep': 'A codebook has at most five levels.',
  'codebook.reason.cycle': 'A tag cannot go under itself or one of its own sub-tags.',
  'codebook.reason.same_tag': 'A tag cannot be merged into itself.',
  'codebook.reason.archived': 'The tag, its parent or the chosen tag is archived. Restore it first.',
  'codebook.reason.other_consultation': 'That belongs to another consultation.',
  'codebook.reason.merged': 'The tag has been merged: its codings have moved, so it stays archived.',
  'codebook.reason.same_consultation': 'A codebook cannot be copied into its own consultation.',
  'codebook.reason.invalid_tree': 'The tags in the file do not form a valid tree.',

  // Copy, export, import
  'codebook.exchangeHeading': 'Copy, export and import',
  'codebook.copyHeading': 'Copy from another consultation',
  'codebook.copyFrom': 'Consultation',
  'codebook.copyHint': 'Its active tags are added after this codebook’s, with their hierarchy. Codings are not copied.',
  'codebook.copyChoose': 'Choose a consultation',
  'codebook.copySubmit': 'Copy codebook',
  'codebook.copyNone': 'There is no other consultation to copy from.',
  'codebook.copied': (p: Count) =>
    p.count === 1 ? '1 tag has been copied into the codebook.' : `${p.count} tags have been copied into the codebook.`,
  'codebook.exportHeading': 'Export',
  'codebook.exportLink': 'Download the codebook as JSON',
  'codebook.exportHint': 'The active tags, to import into another consultation.',
  'codebook.exportQdcLink': 'Download as REFI-QDA (.qdc) for NVivo, ATLAS.ti, MAXQDA or QualCoder',
  'codebook.exportQdcHint': 'The active tags with their definitions, names in English.',
  'codebook.importHeading': 'Import',
  'codebook.importFile': 'Codebook file (JSON)',
  'codebook.importHint': 'A file exported from Samråd. Its tags are added after this codebook’s: all of them or none.',
  'codebook.importSubmit': 'Import codebook',
  'codebook.importNoFile': 'Choose a file to import.',
  'codebook.importNotJson': 'The file is not valid JSON.',
  'codebook.importRejected': 'The file was not imported. Nothing has been changed.',
  'codebook.importRow': (p: { n: number; ref: string }) => (p.ref ? `Tag ${p.n} (“${p.ref}”)` : `Tag ${p.n}`),
  'codebook.importField': (p: { field: string }) => `${p.field} is missing or not valid`,
  'codebook.importRefField': 'Reference (ref)',
  'codebook.importParentRefField': 'Parent reference (parentRef)',
  'codebook.importScenarioField': 'Scenario key (scenarioKey)',
  'codebook.importFile.general': 'The file is not a Samråd codebook (format “samraad.codebook”, version 1).',
  'codebook.imported': (p: Count) =>
    p.count === 1
      ? '1 tag has been imported into the codebook.'
      : `${p.count} tags have been imported into the codebook.`,
  'codebook.unmatchedScenarios': (p: { keys: string }) =>
    `These scenarios are not in this consultation, so their tags have no scenario: ${p.keys}.`,
  // The analysis exchange (issue 11 story 9)
  'exchange.heading': 'Export and import the analysis',
  'exchange.intro':
    'Take the codings to a spreadsheet, or the whole analysis to NVivo, ATLAS.ti, MAXQDA or QualCoder, and bring a codebook or codings back. Respondents’ names are never exported.',
  'exchange.exportHeading': 'Export',
  'exchange.includeProposed': 'Include proposed codings (not yet confirmed)',
  'exchange.csvLink': 'Download the codings as CSV (for Excel)',
  'exchange.jsonLink': 'Download the codings as JSON',
  'exchange.qdpxLink': 'Download the analysis as a REFI-QDA project (.qdpx)',
  'exchange.qdpxHint':
    'For NVivo, ATLAS.ti, MAXQDA and QualCoder: the codebook, one text per response or comment, and every confirmed coding with its coder. Names and headings in English.',
  'exchange.importHeading': 'Import from REFI-QDA',
  'exchange.file': 'REFI-QDA file (.qdc or .qdpx)',
  'exchange.fileHint':
    'A codebook (.qdc) or a project (.qdpx). You see what would be imported before anything changes. Codings are imported only onto responses and comments exported from this consultation.',
  'exchange.noFile': 'Choose a file to import.',
  'exchange.preview': 'Preview import',
  'exchange.uploading': 'Uploading',
  'exchange.previewHeading': 'What the import would do',
  'exchange.previewTags': (p: { created: number; matched: number; skipped: number }) =>
    `Tags: ${p.created} new, ${p.matched} already in the codebook, ${p.skipped} skipped.`,
  'exchange.previewCodings': (p: { created: number; present: number; problems: number }) =>
    `Codings: ${p.created} new, ${p.present} already present, ${p.problems} cannot be imported.`,
  'exchange.tagsCaption': 'Codes in the file',
  'exchange.colCode': 'Code',
  'exchange.colAction': 'What happens',
  'exchange.action.created': 'New tag',
  'exchange.action.matched_guid': 'Already in the codebook (same id)',
  'exchange.action.matched_name': 'Already in the codebook (same name)',
  'exchange.action.skipped': 'Skipped',
  'exchange.tagReason.archived': 'the tag is archived',
  'exchange.tagReason.parent_skipped': 'its parent is skipped',
  'exchange.tagReason.no_name': 'it has no name',
  'exchange.tagReason.too_deep': 'more than five levels',
  'exchange.tagReason.name_shortened': 'name shortened to 200 characters',
  'exchange.problemsCaption': (p: { count: number }) =>
    p.count === 1 ? '1 coding cannot be imported' : `${p.count} codings cannot be imported`,
  'exchange.colSource': 'Source',
  'exchange.colProblem': 'Why',
  'exchange.problem.unknown_source': 'Not a response or comment of this consultation',
  'exchange.problem.no_source_text': 'The file does not contain the source’s text',
  'exchange.problem.text_changed': 'The words are no longer the same as in Samråd',
  'exchange.problem.out_of_range': 'The selection lies outside the text',
  'exchange.problem.crosses_fields': 'The selection spans two texts or a heading',
  'exchange.problem.empty': 'The selection is empty',
  'exchange.problem.attachment_part': 'Attachments can only be coded whole',
  'exchange.problem.code_skipped': 'Its code is skipped',
  'exchange.problem.archived_tag': 'Its tag is archived',
  'exchange.apply': 'Import',
  'exchange.applied': (p: { tags: number; codings: number }) =>
    `Imported: ${p.tags === 1 ? '1 new tag' : `${p.tags} new tags`} and ${p.codings === 1 ? '1 new coding' : `${p.codings} new codings`}.`,
  'codebook.reason.not_zip': 'A .qdpx file must be a ZIP archive that can be unpacked.',
  'codebook.reason.not_refi': 'The file is not a REFI-QDA codebook or project.',
  'codebook.reason.bad_xml': 'The file is not well-formed XML (a document type declaration is not allowed).',
  'codebook.reason.bad_guid': 'An element in the file has no valid GUID.',
  'codebook.reason.duplicate_guid': 'The file uses the same GUID twice.',
  'codebook.reason.unknown_code': 'A coding in the file refers to a code its codebook lacks.',
  'codebook.reason.bad_position': 'A selection in the file has no whole-number position.',
  'codebook.reason.empty': 'The file has no codes and no sources.',
  'codebook.reason.zip_too_large': 'The archive unpacks to more than 256 MiB.',
};
