// The words of titles (subject, verb, object, place) and of the sentences of captions, alt text and bodies.
export const SUBJECTS = [
  'Ministers',
  'Regulators',
  'The Central Bank',
  'Port Authority',
  'City Council',
  'Researchers',
  'Lawmakers',
  'Investors',
  'Shipping Lines',
  'The State Utility',
  'Health Officials',
  'Teachers',
  'Farmers',
  'Airlines',
  'The National Museum',
  'Engineers',
  'Insurers',
  'Negotiators',
  'The Football Federation',
  'Exporters',
];
export const VERBS = [
  'Weigh',
  'Announce',
  'Delay',
  'Expand',
  'Reject',
  'Back',
  'Probe',
  'Unveil',
  'Revise',
  'Approve',
  'Question',
  'Debate',
  'Welcome',
  'Criticise',
  'Launch',
  'Extend',
  'Cut',
  'Raise',
  'Review',
  'Defend',
];
export const OBJECTS = [
  'New Water Plan',
  'Fuel Subsidy Reform',
  'Coastal Rail Link',
  'Heat Action Strategy',
  'Budget Forecast',
  'Offshore Wind Tender',
  'Trade Corridor Deal',
  'Housing Programme',
  'Fisheries Quota',
  'Data Protection Rules',
  'Exhibition Schedule',
  'Tourism Targets',
  'Reef Survey Findings',
  'Cup Final Arrangements',
  'Hospital Expansion',
  'School Curriculum Changes',
  'Interest Rate Path',
  'Port Fee Increase',
  'Airline Merger Terms',
  'Desalination Contract',
];
export const PLACES = [
  'in Muscat',
  'in Doha',
  'Across the Gulf',
  'in Isfahan',
  'in Dubai',
  'in Salalah',
  'in Manama',
  'in Kuwait City',
  'in Riyadh',
  'in Abu Dhabi',
  'Amid Regional Tensions',
  'After Record Summer',
  'Ahead of Winter',
  'as Costs Rise',
  'Despite Objections',
  'for the Coming Year',
  'After Long Talks',
  'in a Surprise Move',
];
export const WORDS = (
  'the of and to in a for on that with as by at from its after over said officials government minister talks ' +
  'region regional market markets prices price growth plan plans project projects report reports analysts ' +
  'investors companies company industry sector energy oil gas water power supply demand costs cost rates ' +
  'inflation economy economic budget spending public private policy policies reform reforms agreement deal ' +
  'negotiations partners partnership security stability pressure risks risk concerns support services ' +
  'residents city cities coast coastal port ports shipping trade exports imports routes insurance premiums ' +
  'weather heat summer winter season seasons survey scientists research data evidence results findings ' +
  'schools students teachers hospitals patients health care infrastructure roads railway airport airline ' +
  'museum exhibition artists collection culture heritage visitors tourism hotels season football final team ' +
  'players coach supporters stadium match league cup national international local community communities ' +
  'long-term short-term expected likely unlikely significant modest sharp steady gradual broader careful ' +
  'quietly publicly recently already still further largely widely closely increasingly particularly ' +
  'week month year decade quarter morning evening statement announcement decision review framework ' +
  'contract contracts tender bidders capacity output production consumption investment investments funding ' +
  'loans banks bank lenders borrowers households families workers jobs wages employment businesses owners ' +
  'customers consumers technology systems network networks platform software digital online cyber data ' +
  'coral reefs marine fisheries fishermen desalination plant plants wind solar turbines grid storage ' +
  'while although because since whereas however meanwhile nevertheless moreover instead despite amid ' +
  'across between within without toward through under around beyond ahead behind along ' +
  'would could should might must will may can has have had is are was were been being remains remained ' +
  'continues continued signals signalled suggests suggested shows showed indicates indicated raises raised ' +
  'expects expected warns warned argues argued notes noted says claims insists confirmed described ' +
  'more less most least many several few some other others new old recent current previous next first last'
).split(' ');
