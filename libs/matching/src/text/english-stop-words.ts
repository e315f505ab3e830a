/**
 * English stop words: the NLTK English list (itself based on the Snowball list) without its contraction
 * fragments, plus common modal and filler words. Matched against the lower-cased word before stemming;
 * apostrophes are removed from words first, so `don't` arrives here as `dont`.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are',
  'arent', 'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by',
  'can', 'cannot', 'cant', 'could', 'couldnt', 'did', 'didnt', 'do', 'does', 'doesnt', 'doing', 'done',
  'dont', 'down', 'during', 'each', 'either', 'etc', 'even', 'ever', 'every', 'few', 'for', 'from',
  'further', 'had', 'hadnt', 'has', 'hasnt', 'have', 'havent', 'having', 'he', 'her', 'here', 'hers',
  'herself', 'him', 'himself', 'his', 'how', 'however', 'i', 'if', 'im', 'in', 'into', 'is', 'isnt', 'it',
  'its', 'itself', 'ive', 'just', 'least', 'less', 'may', 'me', 'might', 'more', 'most', 'much', 'must',
  'my', 'myself', 'neither', 'no', 'nor', 'not', 'now', 'of', 'off', 'often', 'on', 'once', 'only', 'or',
  'other', 'others', 'otherwise', 'ought', 'our', 'ours', 'ourselves', 'out', 'over', 'own', 'per',
  'rather', 'same', 'shall', 'shant', 'she', 'should', 'shouldnt', 'since', 'so', 'some', 'such', 'than',
  'that', 'thats', 'the', 'their', 'theirs', 'them', 'themselves', 'then', 'there', 'therefore', 'these',
  'they', 'theyre', 'this', 'those', 'though', 'through', 'thus', 'to', 'too', 'under', 'until', 'up',
  'upon', 'us', 'very', 'via', 'was', 'wasnt', 'we', 'were', 'werent', 'weve', 'what', 'when', 'where',
  'whereas', 'whether', 'which', 'while', 'who', 'whom', 'whose', 'why', 'will', 'with', 'within',
  'without', 'wont', 'would', 'wouldnt', 'yet', 'you', 'youre', 'your', 'yours', 'yourself', 'yourselves',
]);
