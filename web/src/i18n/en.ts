/**
 * The dashboard's own words in English. Parameters arrive formatted (amounts, dates, counts), as in
 * the report's catalogues. `WebMessages` is this object's type, so the Chinese catalogue must have
 * every key.
 */
export const en = {
  skipToContent: 'Skip to content',
  navLabel: 'Pages',
  languageLabel: 'Language',
  pages: {
    overview: 'Overview',
    import: 'Import',
    exposure: 'Exposure',
    scenario: 'Scenario',
    risk: 'Risk',
    plan: 'Plan',
    reports: 'Reports',
  },
  footerWorkspace: ({ path, currency }: { path: string; currency: string }) =>
    `Workspace ${path} · amounts in ${currency}.`,
  apiDocs: 'API reference',
  loading: 'Loading…',
  errorTitle: 'Something went wrong:',
  cancel: 'Cancel',
  cancelled: 'Cancelled.',
  noRows: 'Nothing to show.',
  csv: 'CSV',
  xlsx: 'Excel',
  downloadTable: ({ table }: { table: string }) => `Download “${table}”`,
  chartFailed: 'The chart could not be drawn; the numbers are in the table.',
  warnings: 'Warnings',
  stageQueued: 'waiting for the workspace',
  stageWorking: 'working',
  stages: {
    simulating: 'simulating paths',
    sensitivity: 'measuring what matters most',
    'simulating planning paths': 'simulating the futures to plan on',
    'measuring on fresh paths': 'measuring on fresh futures',
    solving: 'choosing the decisions',
    generate: 'writing the demo seller’s export files',
    import: 'importing files',
    exposure: 'measuring exposure',
    simulate: 'simulating the TikTok ban',
    plan: 'making a plan',
    report: 'writing the reports',
  } as Record<string, string>,
  tokenTitle: 'Access token needed',
  tokenLead:
    'This Ballast server is shared on the network, so it asks for the access token it printed when it started (or BALLAST_TOKEN). It is kept in this browser.',
  tokenLabel: 'Access token',
  tokenSave: 'Continue',

  emptyTitle: 'This workspace is empty',
  emptyLead:
    'Ballast shows how much of your business hangs on each sales channel and market, what a ban or a shock could cost, and what to do about it. Start with your own channel export files, or look around with a made-up seller first.',
  emptyStepImport: 'Import the order exports from each channel (Amazon, TikTok Shop, Shopify, Temu…).',
  emptyStepExposure: 'Read your exposure: shares, concentration, single-channel products and stock.',
  emptyStepScenario: 'Describe a ban or a shock, simulate it, and get a plan.',
  emptyImport: 'Import your files',
  loadDemo: 'Load the demo seller',
  demoAbout:
    'The demo seller, Lumora Home, sells home goods on TikTok Shop, Amazon, Shopify, Temu and Mercado Libre; loading it takes about a minute.',
  loadingDemo: 'Loading the demo seller',
  demoLoaded: 'The demo seller is loaded.',

  overviewLead: 'Where your sales come from, what could go wrong, and what to do next.',
  takeawaysTitle: 'Three things to take away',
  takeawayExposure: ({
    channel,
    share,
    effective,
    skus,
    stock,
  }: {
    channel: string;
    share: string;
    effective: string;
    skus: string;
    stock: string | null;
  }) =>
    `${channel} brought ${share} of net revenue in the last 90 days (as concentrated as ${effective} equal channels); SKUs selling mostly there: ${skus}` +
    (stock === null
      ? '.'
      : `, and ${stock} units of stock, on hand or inbound, can be sold only by ${channel}.`),
  takeawayNoSales: 'There are no sales in the last 90 days, so exposure is unknown.',
  takeawayRisk: ({
    days,
    mean,
    cvar,
    paths,
    profit,
    stranded,
  }: {
    days: string;
    mean: string;
    cvar: string;
    paths: string;
    profit: boolean;
    stranded: string | null;
  }) =>
    `Over the next ${days} days the scenario costs ${mean} of ${profit ? 'profit' : 'revenue'} on average and ${cvar} in the worst 5 % of ${paths} simulated futures (CVaR 95 %)` +
    (stranded === null ? '.' : `, with ${stranded} units stranded on average.`),
  takeawayNoRisk:
    'No simulation yet: describe a ban or a shock on the Scenario page and run it on the Risk page.',
  takeawayPlan: ({
    actions,
    tail,
    from,
    to,
    gain,
    gainPositive,
    beats,
    fresh,
  }: {
    actions: string;
    tail: string;
    from: string;
    to: string;
    gain: string;
    gainPositive: boolean;
    beats: string;
    fresh: string;
  }) =>
    `The plan (actions: ${actions}) cuts the loss in the worst ${tail} of futures from ${from} to ${to} and ${gainPositive ? 'adds' : 'costs'} ${gain} of expected profit, measured on ${fresh} fresh futures; it beats doing nothing in ${beats} of them.`,
  takeawayPlanNothing: ({ fresh }: { fresh: string }) =>
    `The best plan is to do nothing: no available decision improves the outcome (measured on ${fresh} fresh futures).`,
  takeawayNoPlan: 'No plan yet: run one on the Plan page once a scenario is simulated.',
  headlineTitle: 'Headline figures',
  windowOf: ({ from, to }: { from: string; to: string }) => `Last 90 days: ${from} – ${to}.`,
  growthOnPrior: ({ growth }: { growth: string }) => `${growth} on the 90 days before`,
  skusOnOneChannel: ({ count }: { count: string }) => `${count} SKUs with 80 % or more on one channel`,
  nextTitle: 'What to do next',
  nextCosts: 'Some products have no cost, so profit is unknown: import a costs file.',
  nextStock: 'Stock is unknown: import locations and inventory files.',
  nextScenario: 'Describe what could happen (a ban, a suspension, a tariff) as a scenario.',
  nextPlan: 'Make a plan for the simulated scenario.',
  nextExposure: 'Look at each channel, market, product and warehouse.',
  nextReport: 'Share a report with your partners or your bank.',

  importLead:
    'Drop the export files from your channels; Ballast recognises each format and keeps every row it cannot read for review.',
  importDropTitle: 'Add files',
  importDropHere: 'Drag export files here (CSV, TXT or XLSX; several at once is fine)',
  importChoose: 'Choose files…',
  importPrivacy: 'Files go only to this Ballast server and its workspace.',
  importOptions: 'Options for files without channel, market or currency',
  importOptionsLead:
    'Only needed for generic order files that do not say where they were sold; channel exports say it themselves.',
  importOption: {
    channel: 'Channel',
    market: 'Market (country code)',
    currency: 'Currency',
    encoding: 'Text encoding',
  },
  importOptionPlaceholder: { channel: 'e.g. shopify', market: 'e.g. US', currency: 'e.g. USD' },
  importEncodingAuto: 'Detect',
  importing: 'Importing…',
  importDone: ({
    files,
    added,
    updated,
    rejects,
  }: {
    files: string;
    added: string;
    updated: string;
    rejects: string;
  }) => `${files} files read: ${added} lines added, ${updated} updated, ${rejects} rows kept for review.`,
  importOutcomeCaption: 'What happened to each file',
  imported: 'imported',
  alreadyImported: 'already imported',
  colFile: 'File',
  colFormat: 'Format',
  colKind: 'Contents',
  colOutcome: 'Outcome',
  colRows: 'Rows',
  colAdded: 'Added',
  colUpdated: 'Updated',
  colRejects: 'Rejected rows',
  colLine: 'Line',
  colColumn: 'Column',
  colValue: 'Value',
  colReason: 'Why',
  colImportedAt: 'Imported',
  colCurrency: 'Currency',
  colOrders: 'Orders',
  colGross: 'Gross sales',
  colRefunds: 'Refunds',
  colPeriod: 'Period',
  kinds: {
    orders: 'orders',
    locations: 'locations',
    inventory: 'inventory',
    shipments: 'shipments',
    costs: 'product costs',
    commitments: 'commitments',
    fx: 'exchange rates',
  } as Record<string, string>,
  rejectsTitle: 'Rows kept for review',
  rejectsNone: 'Every row of every file was read.',
  rejectsLead: ({ total }: { total: string }) =>
    `${total} rows could not be read and were left out; each says where it is and why. Fix them in the file and import it again.`,
  rejectsFilters: 'Filter the rows',
  rejectsSearch: 'Search reason, column or value',
  allFiles: 'All files',
  showingRows: ({ shown, total }: { shown: string; total: string }) => `${shown} of ${total} rows`,
  filesTitle: 'Files in the workspace',
  filesLead: 'Every file imported so far, and what it holds by channel, market and currency.',
  filesNone: 'No files yet.',
  totalsTitle: 'Orders by channel, market and currency',
  formatsTitle: 'Formats Ballast reads',
  formatsLead: 'Ballast recognises these files by their columns, whatever they are called.',
  formats: [
    'Amazon Seller Central: All Orders report (TXT), Date Range transaction report (CSV)',
    'TikTok Shop Seller Center: order export (CSV or XLSX)',
    'Shopify admin: orders export (CSV)',
    'Temu Seller Center: order export (XLSX or CSV)',
    'Mercado Libre: sales report (XLSX)',
    'Any other channel: a generic orders file (order_id, order_date, sku, quantity, unit_price, currency, channel, market)',
    'Inputs: product costs, locations, inventory, inbound shipments, commitments, exchange rates (CSV)',
  ],

  exposureLead: 'How much of your revenue, products and stock depends on each channel and market.',
  windowLabel: 'Period',
  lastDays: ({ days }: { days: number }) => `Last ${days} days`,
  customWindow: 'Choose dates…',
  from: 'From',
  to: 'To',
  apply: 'Apply',
  noSalesInWindow: 'No sales in this period: choose another.',
  colDimension: 'Across',
  colPair: 'Channels',
  colIdentified: 'Estimated',
  notIdentified: 'not identified',
  anyChannel: 'any channel',

  scenarioLead:
    'A scenario says what could happen: which channel or market, how likely, for how long, how hard, and where the buyers go. Start from a historical event.',
  editorTitle: 'Scenario file',
  savedScenarios: 'Saved scenarios',
  openSaved: 'Open a saved scenario…',
  newFromStarter: 'New from the starter',
  yamlLabel: 'Scenario (YAML)',
  editorKeys: 'Tab indents; press Escape, then Tab, to leave the editor.',
  atLine: ({ line, column }: { line: string; column: string | null }) =>
    column === null ? `Line ${line}` : `Line ${line}, column ${column}`,
  checking: 'Checking…',
  checkIdle: 'Write or open a scenario; it is checked as you type.',
  checkInvalid: ({ count }: { count: string }) => `${count} problems: see the marked lines.`,
  checkOk: ({ name, start }: { name: string; start: string }) => `“${name}” is valid; it starts on ${start}.`,
  formTitle: 'Common settings',
  formEvent: 'Event',
  formProbability: 'Probability (0–1)',
  formDuration: 'Duration (days)',
  formSeverity: 'Severity (0–1)',
  formDiversion: 'Share of lost buyers who move to…',
  formFromLibrary: 'from the library',
  formNote: 'Each change is written into the file above; your comments stay.',
  formYamlBroken: 'Fix the YAML first: the form needs a file it can read.',
  formNoEvents: 'The scenario has no events yet: add one from the library below.',
  scenarioName: 'Save as',
  scenarioNameHelp: 'Letters, digits, dots, dashes and underscores.',
  save: 'Save',
  delete: 'Delete',
  scenarioSaved: ({ name }: { name: string }) => `Saved as “${name}”.`,
  scenarioDeleted: ({ name }: { name: string }) => `Deleted “${name}”.`,
  goToRisk: 'Simulate it',
  libraryTitle: 'Event library',
  libraryLead: 'Real events, with their dates and measured effects; add one to the scenario and adjust it.',
  addEvent: 'Add to the scenario',
  sourcesCount: ({ count }: { count: number }) => `${count} public sources`,
  library: {
    'amazon-2021': {
      title: 'Amazon suspends cross-border seller accounts, 2021',
      summary:
        'From late April 2021 Amazon suspended about 3,000 seller accounts of about 600 mostly Chinese brands for review abuse. Suspensions were permanent; stock sat in FBA and balances were frozen.',
    },
    'india-2020': {
      title: 'India bans TikTok, June 2020',
      summary:
        'On 29 June 2020 India blocked TikTok and 58 other Chinese apps, cutting off about 200 million users overnight. The ban was made final in January 2021.',
    },
    'indonesia-2023': {
      title: 'Indonesia closes TikTok Shop, October–December 2023',
      summary:
        'A trade regulation banned sales inside social-media apps; TikTok Shop Indonesia closed on 4 October 2023 and reopened 69 days later as a supervised pilot with Tokopedia.',
    },
    'tiktok-us-2025': {
      title: 'TikTok US ban, January 2025',
      summary:
        'The app went dark in the US for about 14 hours on 19 January 2025, stayed off the app stores for 26 days, and the ban was then deferred five times.',
    },
    'us-de-minimis-2025': {
      title: 'US ends de minimis for China, May 2025',
      summary:
        'From 2 May 2025 parcels of $800 or less from China no longer entered the US duty-free; platforms that ship parcels direct from China lost users and sales.',
    },
  } as Record<string, { title: string; summary: string }>,

  riskLead: 'What the scenario could cost: thousands of simulated futures, with and without its events.',
  runSimulation: 'Run a simulation',
  scenarioLabel: 'Scenario',
  noScenarios: 'No saved scenario',
  editorDraft: 'The scenario in the editor (unsaved)',
  needScenario: 'Write or save a scenario first:',
  paths: 'Simulated paths',
  seed: 'Seed',
  fromScenario: 'from the scenario',
  run: 'Run',
  simulating: 'Simulating',
  noSimulation: 'No simulation yet: choose a scenario above and run it.',
  noHistogram: 'This run has no loss histogram; run it again to draw one.',
  runOf: ({ paths, seed }: { paths: string; seed: string }) => `${paths} paths, seed ${seed}`,

  planLead:
    'Decisions to take now, chosen on simulated futures and checked on fresh ones against doing nothing.',
  runPlan: 'Make a plan',
  lambda: 'Weight on the bad tail (λ)',
  lambdaHelp:
    'λ 0 maximises expected profit alone; a larger λ gives up some expected profit to cut the loss in bad futures.',
  planPaths: 'Futures to plan on',
  freshPaths: 'Fresh futures to check on',
  withFrontier: 'Draw the frontier',
  planning: 'Planning',
  noPlan: 'No plan yet: choose a scenario above and run it.',
  freshProofCaption: 'The plan against doing nothing, on fresh futures',
  colWhat: 'Plan',
  noFrontier: 'This plan was made without the frontier; tick “Draw the frontier” and run again.',

  reportsLead:
    'The report to share: every exposure table with its chart, the newest simulation and plan, in one HTML file that prints to A4.',
  reportTitle: 'Exposure report',
  reportAbout: 'Download it in either language; it opens offline in any browser.',
  downloadReport: { en: 'Download in English', 'zh-CN': 'Download in Chinese' },
  openReport: { en: 'Open the English report', 'zh-CN': 'Open the Chinese report' },
  preparingReport: 'Preparing the report…',

  /** Shown instead of import and run buttons to a viewer (server mode: read-only role). */
  readOnly:
    'Your role may read this seller’s data but not import files, save scenarios or run simulations and plans.',
};

export type WebMessages = typeof en;
